package io.floe.outputs.forward;

import io.floe.api.Chunk;
import io.floe.api.Output;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.UnrecoverableException;
import io.floe.api.WriteResult;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.api.monitor.Monitored;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.forward.PackedForward;
import io.floe.codec.tls.TlsClient;
import io.floe.codec.tls.TlsProtocols;
import io.floe.codec.text.RubyText;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;

/**
 * Fluentd's out_forward: every buffer chunk goes to one of the {@code <server>}s as PackedForward messages (one
 * per tag) made straight from the chunk's entry bytes. With {@code require_ack_response} a chunk counts as
 * written only when the server acknowledged it; a server that fails, refuses or stays silent is detached and the
 * chunk goes to the next one at once. When no server takes it, the engine retries it later (and finally hands it
 * to {@code <secondary>}).
 */
@Plugin(type = "forward", desc = "Forwards events to Fluentd/Fluent Bit/Floe forward servers, with load balancing, failover and acks (Fluentd's out_forward).")
public final class ForwardOutput implements Output, Monitored {
    /** How refusals name the version parameter. */
    private static final String TLS_VERSION = "tls_version";

    public enum Compress { TEXT, GZIP }

    public enum Transport { TCP, TLS }

    public enum HeartbeatType { TRANSPORT, TCP, UDP, NONE }

    public record Config(
            @Section(name = "server", desc = "A destination; at least one.", required = true)
            List<ServerConfig> servers,
            @Section(name = "security", desc = "The shared-key handshake with the servers (at most one section).")
            List<SecurityConfig> security,
            @Param(desc = "Wait for the server's ack of every chunk (at-least-once); a chunk not acknowledged within "
                    + "ack_response_timeout is sent again, to another server when there is one.", dflt = "false")
            boolean requireAckResponse,
            @Param(desc = "How long to wait for an ack before the server counts as unavailable.", dflt = "190s")
            Duration ackResponseTimeout,
            @Param(desc = "How long writing one chunk to a server may take.", dflt = "60s")
            Duration sendTimeout,
            @Param(desc = "How long connecting (with TLS and the handshake) may take; default: send_timeout.", dflt = Param.NULL)
            Duration connectTimeout,
            @Param(desc = "How server health is checked: transport (a connection over tcp/tls), tcp, udp (in_forward "
                    + "echoes a datagram) or none.", dflt = "transport")
            HeartbeatType heartbeatType,
            @Param(desc = "How often servers are checked.", dflt = "1s")
            Duration heartbeatInterval,
            @Param(desc = "Detach a server whose heartbeats stop, judged by the phi accrual failure detector.", dflt = "true")
            boolean phiFailureDetector,
            @Param(desc = "The phi above which a server is detached.", dflt = "16")
            int phiThreshold,
            @Param(desc = "Detach a server not heard from for this long.", dflt = "60s")
            Duration hardTimeout,
            @Param(desc = "How long a detached server must answer heartbeats before it is used again.", dflt = "10s")
            Duration recoverWait,
            @Param(desc = "How long a resolved server address is kept; unset: forever; 0: resolve every time.", dflt = Param.NULL)
            Duration expireDnsCache,
            @Param(desc = "Pick one of a host name's addresses at random instead of the first.", dflt = "false")
            boolean dnsRoundRobin,
            @Param(desc = "Keep connections open between chunks.", dflt = "false")
            boolean keepalive,
            @Param(desc = "Close a kept connection idle this long; unset: never.", dflt = Param.NULL)
            Duration keepaliveTimeout,
            @Param(desc = "text, or gzip: send CompressedPackedForward.", dflt = "text")
            Compress compress,
            @Param(desc = "Check at start that every server can be connected to (and fail the start when not).", dflt = "false")
            boolean verifyConnectionAtStartup,
            @Param(desc = "With verify_connection_at_startup: only log servers that cannot be reached.", dflt = "false")
            boolean ignoreNetworkErrorsAtStartup,
            @Param(desc = "Send event times as integer seconds, without the nanoseconds (for Fluentd v0.12 servers).", dflt = "false")
            boolean timeAsInteger,
            @Param(desc = "tcp, or tls.", dflt = "tcp")
            Transport transport,
            @Param(desc = "The TLS version (TLSv1_2 or TLSv1_3).", dflt = "TLSv1_2")
            String tlsVersion,
            @Param(desc = "Accepted; the JDK's default cipher suites are used.", dflt = "ALL:!aNULL:!eNULL:!SSLv2")
            String tlsCiphers,
            @Param(desc = "Skip every certificate check (testing only).", dflt = "false")
            boolean tlsInsecureMode,
            @Param(desc = "Accept a self-signed server certificate when it is one of tls_cert_path.", dflt = "false")
            boolean tlsAllowSelfSignedCert,
            @Param(desc = "Check that the server certificate names the server's host.", dflt = "true")
            boolean tlsVerifyHostname,
            @Param(desc = "CA certificate files (PEM) the servers' certificates must chain to; default: the JDK's CAs.", dflt = "")
            List<String> tlsCertPath,
            @Param(desc = "A client certificate (PEM) for servers with client_cert_auth.", dflt = Param.NULL)
            String tlsClientCertPath,
            @Param(desc = "The client certificate's private key (PEM).", dflt = Param.NULL)
            String tlsClientPrivateKeyPath,
            @Param(desc = "The passphrase of an encrypted client private key.", dflt = Param.NULL, secret = true)
            String tlsClientPrivateKeyPassphrase) {

        public Config {
            if (servers.isEmpty()) {
                throw new IllegalArgumentException("forward output needs at least one <server>");
            }
            if (security.size() > 1) {
                throw new IllegalArgumentException("at most one <security> section");
            }
            if ((tlsClientCertPath == null) != (tlsClientPrivateKeyPath == null)) {
                throw new IllegalArgumentException("tls_client_cert_path and tls_client_private_key_path go together");
            }
            if (heartbeatInterval.isZero() || heartbeatInterval.isNegative()) {
                throw new IllegalArgumentException("heartbeat_interval must be positive");
            }
            if (transport == Transport.TLS) {
                TlsProtocols.javaVersion(tlsVersion, TLS_VERSION);
            }
            if (dnsRoundRobin && heartbeatType == HeartbeatType.UDP) {
                // Fluentd's rule: the datagram's answer could come from another of the name's addresses.
                throw new IllegalArgumentException("forward output heartbeat type must be 'transport' or 'none' to use dns_round_robin option");
            }
        }
    }

    private final Config c;
    private final PluginContext ctx;
    private final Logger log;
    private final ServerSet servers;
    private final KeptConnections kept;
    private EventLoopGroup group;
    private Connector connector;
    private Heartbeater heartbeater;

    public ForwardOutput(Config config, PluginContext ctx) {
        this.c = config;
        this.ctx = ctx;
        this.log = ctx.log();
        double hb = config.heartbeatInterval().toMillis() / 1000.0;
        ServerNode.Health health = new ServerNode.Health(hb, config.hardTimeout().toMillis() / 1000.0,
                config.phiFailureDetector(), config.phiThreshold(), (int) (config.recoverWait().toMillis() / 1000.0 / hb),
                config.heartbeatType() != HeartbeatType.NONE,
                config.expireDnsCache() == null ? null : config.expireDnsCache().toMillis() / 1000.0, config.dnsRoundRobin());
        List<ServerNode> nodes = new ArrayList<>();
        for (ServerConfig s : config.servers()) {
            nodes.add(new ServerNode(new ServerNode.Settings(s.displayName(), s.host(), s.port(), s.weight(), s.standby(),
                    s.sharedKey(), s.username(), s.password()), health, log, now()));
        }
        this.servers = new ServerSet(nodes, log);
        this.kept = new KeptConnections(config.keepalive(), config.keepaliveTimeout());
    }

    /** Fluentd's out_forward adds its servers' health to its monitor_agent entry. */
    @Override
    public Map<String, Object> monitorFields() {
        List<ServerNode> nodes = servers.nodes();
        long healthy = nodes.stream().filter(ServerNode::available).count();
        return Map.of("healthy_nodes_count", (int) healthy, "registered_nodes_count", nodes.size());
    }

    ServerSet servers() {
        return servers;
    }

    /** Exactly tls_version, as Fluentd sets it on its OpenSSL context (and as the forward input does). */
    static TlsClient tlsClient(Config c) {
        return new TlsClient(!c.tlsInsecureMode(), c.tlsCertPath().stream().map(Path::of).toList(),
                c.tlsClientCertPath() == null ? null : Path.of(c.tlsClientCertPath()),
                c.tlsClientPrivateKeyPath() == null ? null : Path.of(c.tlsClientPrivateKeyPath()),
                c.tlsClientPrivateKeyPassphrase(), List.of(TlsProtocols.javaVersion(c.tlsVersion(), TLS_VERSION)));
    }

    @Override
    public void start() throws Exception {
        SslContext tls = c.transport() == Transport.TLS ? tlsClient(c).nettyContext() : null;
        group = new NioEventLoopGroup(2, new DefaultThreadFactory("forward-out-" + ctx.id(), true));
        Connector.Security sec = c.security().isEmpty() ? null
                : new Connector.Security(c.security().get(0).selfHostname(), c.security().get(0).sharedKey());
        connector = new Connector(group, tls, c.tlsVerifyHostname() && !c.tlsInsecureMode(), sec,
                c.connectTimeout() != null ? c.connectTimeout() : c.sendTimeout());
        for (ServerNode n : servers.nodes()) {
            log.info("adding forwarding server '{}' host=\"{}\" port={} weight={}{}", n.name(), n.settings().host(),
                    n.settings().port(), n.settings().weight(), n.settings().standby() ? " standby" : "");
        }
        if (c.verifyConnectionAtStartup()) {
            verifyServers();
        }
        heartbeater = new Heartbeater(c.heartbeatType(), servers, connector, group, c.heartbeatInterval().toMillis(),
                ForwardOutput::now, log);
        heartbeater.start();
    }

    private void verifyServers() throws IOException, InterruptedException {
        for (ServerNode n : servers.nodes()) {
            try {
                connector.open(n, n.address(now())).close();
            } catch (IOException e) {
                if (!c.ignoreNetworkErrorsAtStartup()) {
                    throw new IOException("forwarding server '" + n.name() + "' is not reachable: " + e.getMessage(), e);
                }
                log.warn("forwarding server '{}' is not reachable: {}", n.name(), e.getMessage());
            }
        }
    }

    @Override
    public WriteResult write(Chunk chunk) throws Exception {
        if (chunk.streams().isEmpty()) {
            return WriteResult.ok();
        }
        ChunkMessages messages = new ChunkMessages(chunk);
        List<ServerNode> candidates = servers.candidates();
        if (candidates.isEmpty()) {
            throw new IOException("no nodes are available");
        }
        Exception last = null;
        for (ServerNode node : candidates) {
            try {
                sendTo(node, messages);
                return WriteResult.ok();
            } catch (UnreadableEntries e) {
                throw new UnrecoverableException(e.getMessage(), e.getCause());
            } catch (ClientHandshake.Failure e) {
                log.error("forwarding server '{}' refused the handshake, nothing was sent to it: {}", node.name(), e.getMessage());
                last = e;
            } catch (TimeoutException e) {
                log.warn("no response from node. regard it as unavailable. host=\"{}\" port={} chunk=\"{}\" ({})",
                        node.settings().host(), node.settings().port(), chunk.id(), e.getMessage());
                detach(node, "no ack within ack_response_timeout");
                last = new IOException("no response from forwarding server '" + node.name() + "'", e);
            } catch (IOException e) {
                detach(node, String.valueOf(e.getMessage()));
                last = e;
            }
        }
        throw new IOException("could not forward chunk " + chunk.id() + " to any server: " + last.getMessage(), last);
    }

    /** The entries re-written with integer times; the records' bytes are copied as they are. */
    static EventStream withIntegerTimes(EventStream es) throws IOException {
        EventStreamWriter w = new EventStreamWriter(es.length());
        es.forEach((sec, nsec, buf, off, len) -> w.addWithIntegerTime(sec, buf, off, len));
        return w.build();
    }

    private void sendTo(ServerNode node, Connection.Messages messages)
            throws IOException, TimeoutException, InterruptedException {
        Connection conn = kept.take(node);
        if (conn == null) {
            conn = connector.open(node, node.address(now()));
        }
        conn.send(messages, c.sendTimeout(), c.ackResponseTimeout());
        kept.giveBack(node, conn);
    }

    /**
     * A chunk's messages, one per stream, each read from the buffer only when the connection is about to write
     * it: a file buffer's chunk (256 MiB by default) is larger than the heap an agent in a 200 MiB container
     * has, so it is never held whole. Sending to another server reads the streams again.
     */
    private final class ChunkMessages implements Connection.Messages {
        private final Chunk chunk;

        ChunkMessages(Chunk chunk) {
            this.chunk = chunk;
        }

        @Override
        public int size() {
            return chunk.streams().size();
        }

        @Override
        public PackedForward get(int i) {
            Chunk.Tagged t = chunk.streams().get(i);
            EventStream es = t.events();
            if (es.count() == 0) {
                return null;
            }
            if (c.timeAsInteger()) {
                try {
                    es = withIntegerTimes(es);
                } catch (IOException | RuntimeException e) {
                    // Only the chunk's bytes are read here: entries that cannot be read now never can.
                    throw new UnreadableEntries("cannot rewrite the times of tag " + RubyText.forLog(t.tag())
                            + " as integers: " + e, e);
                }
            }
            String ackId = c.requireAckResponse() ? ackId(chunk.id(), i) : null;
            return PackedForward.of(t.tag(), es.array(), es.offset(), es.length(), es.count(), ackId, c.compress() == Compress.GZIP);
        }
    }

    /** Entries of the chunk that cannot be read, found while sending: no server and no retry can take them. */
    private static final class UnreadableEntries extends RuntimeException {
        UnreadableEntries(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private void detach(ServerNode node, String why) {
        if (node.fail(now(), why)) {
            servers.rebuild();
        }
    }

    /**
     * The {@code chunk} option of the i-th message of a chunk: the chunk's 16-byte id in base64, as Fluentd sends
     * it, varied by the message's index when a chunk holds several tags.
     */
    static String ackId(String chunkId, int index) {
        byte[] id = HexFormat.of().parseHex(chunkId);
        // All four bytes of the index: a chunk of many small emits holds far more than 65,536 streams, and two of its
        // messages with one id would let one ack stand for both.
        for (int b = 0; b < 4; b++) {
            id[id.length - 1 - b] ^= (byte) (index >>> (8 * b));
        }
        return Base64.getEncoder().encodeToString(id);
    }

    @Override
    public void stop() {
        if (heartbeater != null) {
            heartbeater.stop();
        }
        kept.closeAll();
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Override
    public boolean bufferedByDefault() {
        return true;
    }

    /** out_forward's {@code <buffer>} default: chunks per tag. */
    @Override
    public Map<String, String> bufferDefaults() {
        return Map.of("chunk_keys", "tag");
    }

    /** Seconds on a monotonic clock: heartbeat gaps must not jump with the wall clock. */
    private static double now() {
        return System.nanoTime() / 1e9;
    }
}
