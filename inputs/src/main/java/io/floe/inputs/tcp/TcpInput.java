package io.floe.inputs.tcp;

import io.floe.api.Input;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.api.config.Size;
import io.floe.api.monitor.Monitored;
import io.floe.conf.ConfigElement;
import io.floe.inputs.forward.ForwardTransportConfig;
import io.floe.inputs.net.Connections;
import io.floe.inputs.net.FrameMemory;
import io.floe.inputs.net.NetListener;
import io.floe.inputs.net.ParsedLines;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.Parsers;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.internal.PlatformDependent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Fluentd's in_tcp: lines cut at {@code delimiter} from plain TCP (or TLS) connections, each parsed by {@code <parse>}
 * into an event tagged {@code tag}. TCP has no acknowledgement, so backpressure is reading: a paused input (a full
 * buffer with {@code overflow_action block}), a connection with too many emits in flight, or connections holding too
 * much of unfinished lines stop reading, and the senders wait in TCP.
 */
@Plugin(type = "tcp", desc = "Receives lines over TCP (optionally TLS), one event per line, parsed by <parse>.")
public final class TcpInput implements Input, Monitored {

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

    /** How many emits one connection may have in flight before it stops reading. */
    static final int MAX_IN_FLIGHT = 16;
    private static final String HANDOVER_KIND = "tcp";
    private static final long DEFAULT_LINE_LIMIT = 4L << 20;

    private final Config config;
    private final PluginContext ctx;
    private final ParsedLines lines;
    private volatile boolean paused;
    private Connections connections;
    private ExecutorService resolver;
    private NetListener listener;
    private volatile int boundPort = -1;

    public TcpInput(Config config, PluginContext ctx) {
        this.config = config;
        this.ctx = ctx;
        if (config.tag() == null || config.tag().isEmpty()) {
            throw new IllegalArgumentException("'tag' parameter is required");
        }
        if (config.delimiter().isEmpty()) {
            throw new IllegalArgumentException("delimiter must not be empty");
        }
        if (config.parse().getText("@type") == null) {
            throw new IllegalArgumentException("<parse> section is required (e.g. <parse> @type none </parse>)");
        }
        String protocol = config.transport().protocol();
        if (!java.util.Set.of("", "tcp", "tls").contains(protocol)) {
            throw new IllegalArgumentException("<transport " + protocol + "> is not supported by in_tcp (use tcp or tls)");
        }
        if (config.transport().tls()) {
            config.transport().validateTls();
        }
        this.lines = new ParsedLines(Parsers.create(config.parse(), ParserEnv.of(ctx)), ctx);
    }

    @Override
    public void start() throws Exception {
        SslContext tls = config.transport().tls() ? config.transport().sslContext() : null;
        connections = new Connections("tcp-" + ctx.id());
        resolver = Executors.newFixedThreadPool(2, new DefaultThreadFactory("tcp-" + ctx.id() + "-dns", true));
        FrameMemory memory = new FrameMemory(receiveLimit(), Long.MAX_VALUE / 4);
        TcpChannelInitializer.Settings settings = new TcpChannelInitializer.Settings(config.tag(),
                config.delimiter().getBytes(java.nio.charset.StandardCharsets.UTF_8), lineLimit(),
                config.sourceAddressKey(), config.sourceHostnameKey(), MAX_IN_FLIGHT);
        TcpChannelInitializer initializer = new TcpChannelInitializer(ctx, settings, lines, tls, memory,
                connections.channels(), () -> paused, resolver);
        try {
            listener = NetListener.adoptOrBind(ctx, HANDOVER_KIND, config.bind(), config.port(), config.backlog(), null);
        } catch (Exception e) {
            stop();
            throw e;
        }
        boundPort = listener.port();
        listener.attach(child -> accept(child, initializer), !paused);
        ctx.log().info("listening tcp socket port={} bind=\"{}\"", boundPort, config.bind());
    }

    private int lineLimit() {
        return (int) Math.min(Integer.MAX_VALUE - 8,
                config.messageLengthLimit() != null ? config.messageLengthLimit().bytes() : DEFAULT_LINE_LIMIT);
    }

    private long receiveLimit() {
        if (config.receiveBufferSizeLimit() != null) {
            return config.receiveBufferSizeLimit().bytes();
        }
        return Math.min(16L << 20, Math.max(1L << 20, PlatformDependent.maxDirectMemory() / 4));
    }

    private void accept(Channel child, TcpChannelInitializer initializer) {
        child.config().setOption(ChannelOption.SO_LINGER,
                config.transport().lingerTimeout() != null ? config.transport().lingerTimeout() : config.lingerTimeout());
        child.config().setOption(ChannelOption.SO_KEEPALIVE, config.sendKeepalivePacket());
        child.pipeline().addLast(initializer);
        connections.workers().register(child).addListener(f -> {
            if (!f.isSuccess()) {
                child.unsafe().closeForcibly();
            }
        });
    }

    /** The port listened on; with {@code port 0}, the one the OS picked. -1 before start. */
    public int port() {
        return boundPort;
    }

    @Override
    public String notReady() {
        return boundPort > 0 ? null : "not listening on port " + config.port() + " yet";
    }

    @Override
    public boolean alive(Duration timeout) {
        Connections c = connections;
        return c == null || c.alive(timeout);
    }

    @Override
    public Map<String, Object> monitorFields() {
        Connections c = connections;
        return Map.of("connections", c == null ? 0 : c.channels().size());
    }

    /** Stops accepting, closes the connections (what they sent and was read is emitted) and leaves the listener to the next configuration. */
    @Override
    public void stop() {
        if (listener != null) {
            listener.detach();
        }
        if (connections != null) {
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
        NetListener l = listener;
        if (l != null) {
            l.accepting(on);
        }
        if (connections != null) {
            connections.switchReading(on);
        }
    }

    /** Open client connections, for tests. */
    int connectionCount() {
        Connections c = connections;
        return c == null ? 0 : c.channels().size();
    }
}
