package io.floe.inputs.syslog;

import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.api.config.Size;
import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigValue;
import io.floe.inputs.forward.ForwardTransportConfig;
import io.floe.inputs.net.LineDecoder;
import io.floe.inputs.net.MessageServer;
import io.floe.inputs.net.ServerInput;
import io.floe.inputs.tcp.TcpChannelInitializer;
import io.floe.inputs.tcp.TcpServer;
import io.floe.inputs.udp.UdpInput;
import io.floe.inputs.udp.UdpMessageHandler;
import io.floe.inputs.udp.UdpServer;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.Parsers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Fluentd's in_syslog: syslog messages over UDP (default), TCP or TLS, newline-delimited or octet-counted (RFC 6587),
 * parsed by {@code <parse>} ({@code @type syslog} with {@code with_priority true} unless given) and tagged
 * {@code TAG.FACILITY.SEVERITY}. Backpressure and memory are those of {@link TcpServer} and {@link UdpServer}.
 */
@Plugin(type = "syslog", desc = "Receives syslog messages (RFC 3164/5424) over UDP, TCP or TLS; tags events TAG.FACILITY.SEVERITY.")
public final class SyslogInput extends ServerInput {

    /** frame_type. */
    public enum FrameType { TRADITIONAL, OCTET_COUNT }

    public record Config(
            @Param(desc = "The prefix of the events' tags: TAG.FACILITY.SEVERITY.") String tag,
            @Param(desc = "The port to listen on; 0 picks a free one.", dflt = "5140") int port,
            @Param(desc = "The address to listen on.", dflt = "0.0.0.0") String bind,
            @Param(desc = "Deprecated (use <transport>): udp or tcp.", dflt = Param.NULL) String protocolType,
            @Param(desc = "UDP: the most bytes of a message, a longer datagram is cut to it. TCP: Floe drops (with a warning) "
                    + "a message longer than this or 4m, whichever is larger (Fluentd has no limit on TCP).", dflt = "2048")
            Size messageLengthLimit,
            @Param(desc = "TCP framing: traditional (messages end at delimiter) or octet_count (RFC 6587 'LENGTH MESSAGE').",
                    dflt = "traditional") FrameType frameType,
            @Param(desc = "TCP traditional framing: the end of a message.", dflt = "\n") String delimiter,
            @Param(desc = "Adds the sender's hostname to each record under this key.", dflt = Param.NULL) String sourceHostnameKey,
            @Param(desc = "Adds the sender's IP address to each record under this key.", dflt = Param.NULL) String sourceAddressKey,
            @Param(desc = "Adds the severity (emerg ... debug) to each record under this key.", dflt = Param.NULL) String severityKey,
            @Param(desc = "Adds the facility (kern ... local7) to each record under this key.", dflt = Param.NULL) String facilityKey,
            @Param(desc = "Emit a message that does not parse as {\"unmatched_line\": message} under TAG.unmatched.", dflt = "false")
            boolean emitUnmatchedLines,
            @Param(desc = "TCP: enable keepalive probes on client connections.", dflt = "false") boolean sendKeepalivePacket,
            @Param(desc = "Accepted for compatibility (Fluentd's socket read timeout); Floe's reads do not block.", dflt = "0.5s")
            Duration blockingTimeout,
            @Param(desc = "UDP: SO_RCVBUF of the socket; the OS default when unset.", dflt = Param.NULL) Size receiveBufferSize,
            @Section(name = "parse", kind = "parser", desc = "How messages become records; default @type syslog (with_priority true, "
                    + "message_format rfc3164; auto reads RFC 5424 too).") ConfigElement parse,
            @Section(name = "transport", desc = "The transport: <transport udp> (default), <transport tcp> or <transport tls>.")
            ForwardTransportConfig transport) {
    }

    private final Config config;
    private final String protocol;
    private final SyslogMessages messages;
    private final MessageServer server;

    public SyslogInput(Config config, PluginContext ctx) {
        super(config.port(), config.tag());
        this.config = config;
        this.protocol = protocol(config, ctx);
        if (protocol.equals("tls")) {
            config.transport().validateTls();
        }
        if (config.delimiter().isEmpty()) {
            throw new IllegalArgumentException("delimiter must not be empty");
        }
        ConfigElement parse = config.parse();
        if (parse.getText("@type") == null) {
            parse.put("@type", ConfigValue.bare("syslog", parse.location()));
        }
        boolean syslogParser = "syslog".equals(parse.getText("@type"));
        if (syslogParser && !parse.has("with_priority")) {
            parse.put("with_priority", ConfigValue.bare("true", parse.location()));
        }
        boolean parserReadsPriority = syslogParser && "true".equals(parse.getText("with_priority"));
        this.messages = new SyslogMessages(ctx, Parsers.create(parse, ParserEnv.of(ctx)), new SyslogMessages.Settings(config.tag(),
                parserReadsPriority, config.severityKey(), config.facilityKey(), config.emitUnmatchedLines()));
        if (protocol.equals("udp")) {
            this.server = new UdpServer(ctx, "syslog", new UdpMessageHandler(ctx, new UdpMessageHandler.Settings(
                    UdpInput.datagramLimit(config.messageLengthLimit()), true, config.sourceAddressKey(), config.sourceHostnameKey()), messages));
        } else {
            this.server = new TcpServer(ctx, new TcpServer.Options("syslog", config.bind(), config.port(), null,
                    config.transport().lingerTimeout() != null ? config.transport().lingerTimeout() : 0, config.sendKeepalivePacket(), null));
        }
    }

    /** {@code <transport>}'s protocol; the deprecated protocol_type when there is no such section; else udp. */
    private static String protocol(Config config, PluginContext ctx) {
        String fromSection = config.transport().protocol();
        if (config.protocolType() != null) {
            ctx.log().warn("'protocol_type' parameter is deprecated: use <transport {}> instead", config.protocolType());
            if (fromSection.isEmpty()) {
                fromSection = config.protocolType();
            }
        }
        String p = fromSection.isEmpty() ? "udp" : fromSection;
        if (!p.equals("udp") && !p.equals("tcp") && !p.equals("tls")) {
            throw new IllegalArgumentException("<transport " + p + "> is not supported by in_syslog (use udp, tcp or tls)");
        }
        return p;
    }

    @Override
    protected MessageServer server() {
        return server;
    }

    @Override
    public void start() throws Exception {
        if (server instanceof UdpServer udp) {
            udp.start(config.bind(), config.port(), config.receiveBufferSize() == null ? null : (int) config.receiveBufferSize().bytes());
            return;
        }
        int limit = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(TcpServer.DEFAULT_MESSAGE_LIMIT, config.messageLengthLimit().bytes()));
        byte[] delimiter = config.delimiter().getBytes(StandardCharsets.UTF_8);
        TcpChannelInitializer.Framing framing = config.frameType() == FrameType.OCTET_COUNT
                ? (memory, oversize) -> new OctetCountDecoder(limit, memory, oversize)
                : (memory, oversize) -> new LineDecoder(delimiter, limit, memory, oversize);
        ((TcpServer) server).start(protocol.equals("tls") ? config.transport().sslContext() : null, config.sourceAddressKey(),
                config.sourceHostnameKey(), framing, messages);
    }
}
