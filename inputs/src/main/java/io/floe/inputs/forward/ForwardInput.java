package io.floe.inputs.forward;

import io.floe.api.Input;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.api.config.Size;
import io.floe.api.monitor.Monitored;
import io.floe.inputs.net.FrameMemory;
import io.floe.inputs.net.Connections;
import io.floe.inputs.net.NetListener;
import io.floe.inputs.net.ReadSwitch;
import io.netty.util.internal.PlatformDependent;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Fluentd's in_forward: the Forward Protocol v1 on TCP (msgpack, or JSON for old clients), optionally
 * under TLS and the shared-key handshake, with the UDP heartbeat on the same port. Acknowledges a
 * message only once the router has it in every matching output. {@link #pause()} stops reading every
 * connection (and accepting), so a full buffer pushes back on the clients.
 */
@Plugin(type = "forward", desc = "Receives events over Fluentd's forward protocol (TCP with the UDP heartbeat, optional TLS and shared-key auth).")
public final class ForwardInput implements Input, Monitored {

    public record Config(
            @Param(desc = "The port to listen on (TCP and UDP heartbeat); 0 picks a free one.", dflt = "24224")
            int port,
            @Param(desc = "The address to listen on.", dflt = "0.0.0.0")
            String bind,
            @Param(desc = "The listen backlog; the OS default when unset.", dflt = Param.NULL)
            Integer backlog,
            @Param(desc = "Replaces the incoming tag.", dflt = Param.NULL)
            String tag,
            @Param(desc = "Prefixes the incoming tag: PREFIX.TAG.", dflt = Param.NULL)
            String addTagPrefix,
            @Param(desc = "SO_LINGER seconds on close; 0 sends RST instead of leaving TIME_WAIT.", dflt = "0")
            int lingerTimeout,
            @Param(desc = "Look up client hostnames (forced on by source_hostname_key).", dflt = "false")
            boolean resolveHostname,
            @Param(desc = "Close each connection after its first message.", dflt = "false")
            boolean denyKeepalive,
            @Param(desc = "Enable TCP keepalive probes on client connections.", dflt = "false")
            boolean sendKeepalivePacket,
            @Param(desc = "Log a warning for a message larger than this.", dflt = Param.NULL)
            Size chunkSizeWarnLimit,
            @Param(desc = "Refuse (and disconnect) a message larger than this. Unset, it follows the heap: "
                    + "1/8 of it, at most 64m (16m at the default 128m heap); a larger value than the heap takes warns at startup.", dflt = Param.NULL)
            Size chunkSizeLimit,
            @Param(desc = "The most a gzip-compressed message may inflate to (a larger one closes its connection, unacknowledged), "
                    + "and the most all messages being inflated at once may take. Default: the largest message (chunk_size_limit, "
                    + "or its default from the heap), so an inflated message costs no more than a plain one. Fluentd's default is 256m.",
                    dflt = Param.NULL)
            Size decompressionSizeLimit,
            @Param(desc = "Floe-specific: the most bytes all connections together may hold in messages still arriving "
                    + "(a connection of small messages, and one large message at a time, may go on); past it, connections pause reading "
                    + "until bytes are released. Default: 16m, or a quarter of the JVM's direct memory where that is less (such "
                    + "messages arrive in direct memory, which the launcher caps inside a container memory limit).", dflt = Param.NULL)
            Size receiveBufferSizeLimit,
            @Param(desc = "Drop events with an invalid time or record, with a warning, instead of refusing the message.", dflt = "false")
            boolean skipInvalidEvent,
            @Param(desc = "Adds the client's IP address to each record under this key.", dflt = Param.NULL)
            String sourceAddressKey,
            @Param(desc = "Adds the client's hostname to each record under this key.", dflt = Param.NULL)
            String sourceHostnameKey,
            @Param(desc = "Join the records of a line Docker split (partial_message) back into one record.", dflt = "false")
            boolean joinPartialMessages,
            @Param(desc = "With join_partial_messages: a joined log longer than this is emitted as it is.", dflt = "1m")
            Size partialMaxSize,
            @Param(desc = "With join_partial_messages: an unfinished line is emitted after this long without a new part.", dflt = "5s")
            Duration partialFlushInterval,
            @Section(name = "security", desc = "Shared-key handshake with clients (at most one section).")
            List<ForwardSecurityConfig> security,
            @Section(name = "transport", desc = "The transport: <transport tcp> (default) or <transport tls>.")
            ForwardTransportConfig transport) {
    }

    private final Config config;
    private final PluginContext ctx;
    private final ForwardLimits limits;
    private volatile boolean paused;
    /** How long a stop waits for the messages already read to be acknowledged before closing connections. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
    /** The listener handover key's prefix: forward:PORT. */
    private static final String HANDOVER_KIND = "forward";

    private Connections connections;
    private ExecutorService resolver;
    private ForwardChannelInitializer initializer;
    private NetListener listener;
    private volatile int boundPort = -1;

    public ForwardInput(Config config, PluginContext ctx) {
        this(config, ctx, ForwardLimits.defaults());
    }

    ForwardInput(Config config, PluginContext ctx, ForwardLimits limits) {
        ForwardInputValidation.validate(config);
        this.config = config;
        this.ctx = ctx;
        this.limits = limits;
    }

    @Override
    public void start() throws Exception {
        SslContext tls = config.transport().tls() ? config.transport().sslContext() : null;
        ForwardAuthenticator authenticator = config.security().isEmpty() ? null
                : new ForwardAuthenticator(config.security().get(0), ForwardInputValidation.nodes(config.security().get(0)));
        connections = new Connections("forward-" + ctx.id());
        resolver = Executors.newFixedThreadPool(2, new DefaultThreadFactory("forward-" + ctx.id() + "-dns", true));
        long heap = Runtime.getRuntime().maxMemory();
        FrameMemory memory = new FrameMemory(receiveLimit(), inflateLimit(), ForwardLimits.decodeBudget(heap));
        warnIfBeyondHeap(heap);
        initializer = new ForwardChannelInitializer(config, limits, ctx, tls, authenticator, connections, () -> paused, resolver, memory,
                maxFrameBytes(), (int) Math.min(Integer.MAX_VALUE - 8, inflateLimit()));
        try {
            listener = adoptOrBind();
        } catch (Exception e) {
            stop();
            throw e;
        }
        boundPort = listener.port();
        listener.attach(this::accept, !paused);
        ctx.log().info("listening port port={} bind=\"{}\"", boundPort, config.bind());
    }

    /**
     * Says at startup which message size is refused, and warns when {@code chunk_size_limit} admits messages
     * larger than this heap decodes safely (the configured limit still applies: the operator chose it).
     */
    /** The largest message this input takes: chunk_size_limit, else the default the heap allows. */
    private int maxFrameBytes() {
        return config.chunkSizeLimit() != null ? (int) config.chunkSizeLimit().bytes() : limits.maxFrameBytes();
    }

    /**
     * What a compressed message may inflate to. An inflated message lands on the heap like a plain one, so by default it
     * may be no larger: a 50 KB gzip of 50 MB of one character ran an 80m heap out of memory under a fixed 64m.
     */
    /**
     * What all connections may hold in messages still arriving. Those bytes are direct memory: past the JVM's cap that is
     * an OutOfMemoryError, which ends the agent, so by default they take no more than a quarter of it.
     */
    private long receiveLimit() {
        if (config.receiveBufferSizeLimit() != null) {
            return config.receiveBufferSizeLimit().bytes();
        }
        return Math.min(16L << 20, Math.max(1L << 20, PlatformDependent.maxDirectMemory() / 4));
    }

    private long inflateLimit() {
        return config.decompressionSizeLimit() != null ? config.decompressionSizeLimit().bytes() : maxFrameBytes();
    }

    private void warnIfBeyondHeap(long heap) {
        int safe = ForwardLimits.heapSafeFrameBytes(heap);
        if (config.chunkSizeLimit() == null) {
            ctx.log().info("largest accepted message max_frame_bytes={} (chunk_size_limit unset: the smaller of 64m and 1/8 of the heap of {} bytes)",
                    limits.maxFrameBytes(), heap);
        } else if (config.chunkSizeLimit().bytes() > safe) {
            ctx.log().warn("chunk_size_limit {} is larger than the {} bytes a heap of {} bytes decodes safely: "
                    + "a message that large may run the agent out of memory; raise the heap (FLOE_HEAP) or lower chunk_size_limit",
                    config.chunkSizeLimit().bytes(), safe, heap);
        }
        if (config.decompressionSizeLimit() != null && config.decompressionSizeLimit().bytes() > safe) {
            ctx.log().warn("decompression_size_limit {} is larger than the {} bytes a heap of {} bytes decodes safely: "
                    + "a message inflating that far may run the agent out of memory; raise the heap (FLOE_HEAP) or lower the limit",
                    config.decompressionSizeLimit().bytes(), safe, heap);
        }
    }

    private NetListener adoptOrBind() throws Exception {
        return NetListener.adoptOrBind(ctx, HANDOVER_KIND, config.bind(), config.port(), config.backlog(), new ForwardHeartbeatHandler());
    }

    /** Takes an accepted connection onto this input's event loops, as Netty's own acceptor would. */
    private void accept(Channel child) {
        Integer linger = config.transport().lingerTimeout() != null ? config.transport().lingerTimeout() : config.lingerTimeout();
        child.config().setOption(ChannelOption.SO_LINGER, linger);
        child.config().setOption(ChannelOption.SO_KEEPALIVE, config.sendKeepalivePacket());
        child.config().setOption(ChannelOption.TCP_NODELAY, true);
        child.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(limits.writeLowWaterMark(), limits.writeHighWaterMark()));
        connections.register(child, initializer);
    }

    /** The TCP (and UDP) port listened on; with {@code port 0}, the one the OS picked. -1 before start. */
    public int port() {
        return boundPort;
    }

    /** For /readyz: clients can connect once the listener is bound. */
    @Override
    public String notReady() {
        return boundPort > 0 ? null : "not listening on port " + config.port() + " yet";
    }

    /**
     * For /healthz, without making the probe wait on busy loops: each call sends every connection event
     * loop a no-op and judges the one sent before. A loop is dead when a no-op has waited longer than
     * {@code timeout}.
     */
    @Override
    public boolean alive(Duration timeout) {
        Connections c = connections;
        return c == null || c.alive(timeout); // not started or stopping: readiness says so, a restart would not help
    }

    /** Open client connections, for tests and the curious. */
    int connections() {
        Connections c = connections;
        return c == null ? 0 : c.channels().size();
    }

    /**
     * Stops accepting, lets every connection finish the messages it has read (their acks go out, within
     * {@code DRAIN_TIMEOUT}), closes the connections and leaves the listening socket to the agent for
     * the next configuration: a client that connects meanwhile waits, one that was cut off resends what
     * was not acknowledged.
     */
    @Override
    public void stop() {
        if (listener != null) {
            listener.detach();
        }
        if (connections != null) {
            drainConnections();
            connections.close();
        }
        if (resolver != null) {
            resolver.shutdownNow();
        }
        if (listener != null) {
            ctx.handover().leave(NetListener.handoverKey(HANDOVER_KIND, config.port()), listener);
        }
        listener = null;
        boundPort = -1;
    }

    /**
     * Each connection stops reading, answers what it has read, then half-closes: the client reads its
     * acks and then the end of the stream, and closes (an RST, as a close with unread data or
     * {@code linger_timeout 0} would send, could throw away acks the client had not read yet). What it
     * still sends meanwhile is read and dropped unanswered, so the client sends it again.
     */
    private void drainConnections() {
        List<io.netty.util.concurrent.Future<?>> closed = new ArrayList<>();
        for (Channel ch : connections.channels()) {
            ch.eventLoop().execute(() -> {
                ReadSwitch.off(ch, ReadSwitch.PAUSED);
                ForwardEventHandler events = ch.pipeline().get(ForwardEventHandler.class);
                Runnable halfClose = () -> {
                    if (events != null) {
                        events.answerNoMore();
                    }
                    if (ch instanceof DuplexChannel duplex) {
                        duplex.shutdownOutput();
                    }
                    ReadSwitch.on(ch, ReadSwitch.PAUSED);
                };
                if (events == null) {
                    halfClose.run();
                } else {
                    events.whenAnswered(halfClose);
                }
            });
            closed.add(ch.closeFuture());
        }
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        for (io.netty.util.concurrent.Future<?> f : closed) {
            f.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void pause() {
        paused = true;
        switchReading(false);
    }

    @Override
    public void resume() {
        paused = false;
        switchReading(true);
    }

    private void switchReading(boolean on) {
        Connections.switchReading(listener, connections, on);
    }
}
