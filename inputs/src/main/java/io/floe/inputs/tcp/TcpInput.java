package io.floe.inputs.tcp;

import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.api.config.Size;
import io.floe.conf.ConfigElement;
import io.floe.inputs.forward.ForwardTransportConfig;
import io.floe.inputs.net.LineDecoder;
import io.floe.inputs.net.MessageServer;
import io.floe.inputs.net.ParsedLines;
import io.floe.inputs.net.ServerInput;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.Parsers;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Fluentd's in_tcp: lines cut at {@code delimiter} from plain TCP (or TLS) connections, each parsed by {@code <parse>}
 * into an event tagged {@code tag}; see {@link TcpServer} for backpressure and memory.
 */
@Plugin(type = "tcp", desc = "Receives lines over TCP (optionally TLS), one event per line, parsed by <parse>.")
public final class TcpInput extends ServerInput {

    public record Config(
            @Param(desc = "The tag of the events.") String tag,
            @Param(desc = "The port to listen on; 0 picks a free one.", dflt = "5170") int port,
            @Param(desc = "The address to listen on.", dflt = "0.0.0.0") String bind,
            @Param(desc = "The listen backlog; the OS default when unset.", dflt = Param.NULL) Integer backlog,
            @Param(desc = "The payload is read up to this string.", dflt = "\n") String delimiter,
            @Param(desc = "A line longer than this is dropped (up to the next delimiter) with a warning. Unset: 4m (Floe's guard "
                    + "for the heap; Fluentd has no limit).", dflt = Param.NULL) Size messageLengthLimit,
            @Param(desc = "Adds the client's hostname to each record under this key.", dflt = Param.NULL) String sourceHostnameKey,
            @Param(desc = "Adds the client's IP address to each record under this key.", dflt = Param.NULL) String sourceAddressKey,
            @Param(desc = "Enable TCP keepalive probes on client connections.", dflt = "false") boolean sendKeepalivePacket,
            @Param(desc = "SO_LINGER seconds on close; 0 sends RST instead of leaving TIME_WAIT.", dflt = "0") int lingerTimeout,
            @Param(desc = "Floe-specific: the most bytes all connections together may hold in lines still arriving; past it, "
                    + "connections pause reading until bytes are released. Default: 16m, or a quarter of the JVM's direct memory "
                    + "where that is less.", dflt = Param.NULL) Size receiveBufferSizeLimit,
            @Section(name = "parse", kind = "parser", desc = "How lines become records (@type none, json, regexp, syslog ...); required.")
            ConfigElement parse,
            @Section(name = "transport", desc = "The transport: <transport tcp> (default) or <transport tls>.")
            ForwardTransportConfig transport) {
    }

    private final Config config;
    private final ParsedLines lines;
    private final TcpServer server;

    public TcpInput(Config config, PluginContext ctx) {
        super(config.port(), config.tag());
        this.config = config;
        if (config.delimiter().isEmpty()) {
            throw new IllegalArgumentException("delimiter must not be empty");
        }
        requireParser(config.parse());
        String protocol = config.transport().protocol();
        if (!Set.of("", "tcp", "tls").contains(protocol)) {
            throw new IllegalArgumentException("<transport " + protocol + "> is not supported by in_tcp (use tcp or tls)");
        }
        if (config.transport().tls()) {
            config.transport().validateTls();
        }
        this.lines = new ParsedLines(config.tag(), Parsers.create(config.parse(), ParserEnv.of(ctx)), ctx);
        this.server = new TcpServer(ctx, new TcpServer.Options("tcp", config.bind(), config.port(), config.backlog(),
                config.transport().lingerTimeout() != null ? config.transport().lingerTimeout() : config.lingerTimeout(),
                config.sendKeepalivePacket(), config.receiveBufferSizeLimit() == null ? null : config.receiveBufferSizeLimit().bytes()));
    }

    @Override
    protected MessageServer server() {
        return server;
    }

    @Override
    public void start() throws Exception {
        byte[] delimiter = config.delimiter().getBytes(StandardCharsets.UTF_8);
        int limit = (int) Math.min(Integer.MAX_VALUE - 8,
                config.messageLengthLimit() != null ? config.messageLengthLimit().bytes() : TcpServer.DEFAULT_MESSAGE_LIMIT);
        server.start(config.transport().tls() ? config.transport().sslContext() : null, config.sourceAddressKey(),
                config.sourceHostnameKey(), (memory, oversize) -> new LineDecoder(delimiter, limit, memory, oversize), lines);
    }

    /** Open client connections, for tests. */
    int connectionCount() {
        return server.connectionCount();
    }
}
