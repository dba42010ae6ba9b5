package io.floe.inputs.tcp;

import io.floe.api.PluginContext;
import io.floe.inputs.net.Connections;
import io.floe.inputs.net.FrameMemory;
import io.floe.inputs.net.MessageServer;
import io.floe.inputs.net.Messages;
import io.floe.inputs.net.NetListener;
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
 * The TCP side of a message input (in_tcp, in_syslog on TCP): the listener it takes over from the previous
 * configuration and leaves to the next, its connections and their event loops, pausing and resuming them all. TCP has
 * no acknowledgement, so backpressure is reading: a paused server, a connection with too many emits in flight, or
 * connections holding too much of unfinished messages stop reading, and the senders wait in TCP.
 */
public final class TcpServer implements MessageServer {
    /** How the server listens and treats its connections. */
    public record Options(String kind, String bind, int port, Integer backlog, int lingerTimeout, boolean keepalive,
                          Long receiveBufferSizeLimit) {
        /** What all connections may hold in unfinished messages: 16m, or a quarter of the direct memory where that is less. */
        long receiveLimit() {
            if (receiveBufferSizeLimit != null) {
                return receiveBufferSizeLimit;
            }
            return Math.min(16L << 20, Math.max(1L << 20, PlatformDependent.maxDirectMemory() / 4));
        }
    }

    /** The longest message a connection may send where Fluentd has no limit: Floe's guard for the heap. */
    public static final long DEFAULT_MESSAGE_LIMIT = 4L << 20;
    /** How many emits one connection may have in flight before it stops reading. */
    static final int MAX_IN_FLIGHT = 16;

    private final PluginContext ctx;
    private final Options options;
    private volatile boolean paused;
    private Connections connections;
    private ExecutorService resolver;
    private NetListener listener;
    private volatile int boundPort = -1;

    public TcpServer(PluginContext ctx, Options options) {
        this.ctx = ctx;
        this.options = options;
    }

    /** Listens, and hands each connection's messages, cut by {@code framing}, to {@code messages}. */
    public void start(SslContext tls, String sourceAddressKey, String sourceHostnameKey, TcpChannelInitializer.Framing framing,
                      Messages messages) throws Exception {
        String name = options.kind() + "-" + ctx.id();
        connections = new Connections(name);
        resolver = Executors.newFixedThreadPool(2, new DefaultThreadFactory(name + "-dns", true));
        FrameMemory memory = new FrameMemory(options.receiveLimit(), Long.MAX_VALUE / 4);
        TcpChannelInitializer initializer = new TcpChannelInitializer(ctx,
                new TcpChannelInitializer.Settings(sourceAddressKey, sourceHostnameKey, MAX_IN_FLIGHT), framing, messages, tls, memory,
                connections, () -> paused, resolver);
        try {
            listener = NetListener.adoptOrBind(ctx, options.kind(), options.bind(), options.port(), options.backlog(), null);
        } catch (Exception e) {
            stop();
            throw e;
        }
        boundPort = listener.port();
        listener.attach(child -> accept(child, initializer), !paused);
        ctx.log().info("listening tcp socket port={} bind=\"{}\"", boundPort, options.bind());
    }

    private void accept(Channel child, TcpChannelInitializer initializer) {
        child.config().setOption(ChannelOption.SO_LINGER, options.lingerTimeout());
        child.config().setOption(ChannelOption.SO_KEEPALIVE, options.keepalive());
        connections.register(child, initializer);
    }

    @Override
    public int port() {
        return boundPort;
    }

    @Override
    public boolean alive(Duration timeout) {
        Connections c = connections;
        return c == null || c.alive(timeout);
    }

    /** Open client connections. */
    public int connectionCount() {
        Connections c = connections;
        return c == null ? 0 : c.channels().size();
    }

    @Override
    public Map<String, Object> monitorFields() {
        return Map.of("connections", connectionCount());
    }

    /** Stops accepting, closes the connections (what was read is emitted) and leaves the listener to the next configuration. */
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
            ctx.handover().leave(NetListener.handoverKey(options.kind(), options.port()), listener);
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
        Connections.switchReading(listener, connections, on);
    }
}
