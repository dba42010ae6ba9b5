package io.floe.inputs.forward;

import io.floe.api.Input;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.api.config.Size;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
public final class ForwardInput implements Input, io.floe.api.monitor.Monitored {

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
            @Param(desc = "Refuse (and disconnect) a message larger than this; unset means the internal cap of 64m.", dflt = Param.NULL)
            Size chunkSizeLimit,
            @Param(desc = "The most a gzip-compressed message may inflate to.", dflt = "64m")
            Size decompressionSizeLimit,
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
    private EventLoopGroup acceptors;
    private EventLoopGroup workers;
    private ExecutorService resolver;
    private ChannelGroup channels;
    private Channel server;
    private Channel heartbeat;
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
        SslContext tls = config.transport().tls() ? ForwardTls.context(config.transport()) : null;
        ForwardAuthenticator authenticator = config.security().isEmpty() ? null
                : new ForwardAuthenticator(config.security().get(0), ForwardInputValidation.nodes(config.security().get(0)));
        acceptors = new NioEventLoopGroup(1, new DefaultThreadFactory("forward-" + ctx.id() + "-accept", true));
        workers = new NioEventLoopGroup(Math.min(4, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("forward-" + ctx.id(), true));
        resolver = Executors.newFixedThreadPool(2, new DefaultThreadFactory("forward-" + ctx.id() + "-dns", true));
        channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        try {
            InetAddress bind = InetAddress.getByName(config.bind());
            server = serverBootstrap(tls, authenticator).bind(bind, config.port()).sync().channel();
            boundPort = ((InetSocketAddress) server.localAddress()).getPort();
            heartbeat = new Bootstrap().group(workers).channel(NioDatagramChannel.class)
                    .handler(new ForwardHeartbeatHandler()).bind(bind, boundPort).sync().channel();
        } catch (Exception e) {
            stop();
            throw e;
        }
        if (paused) {
            server.config().setAutoRead(false);
        }
        ctx.log().info("listening port port={} bind=\"{}\"", boundPort, config.bind());
    }

    private ServerBootstrap serverBootstrap(SslContext tls, ForwardAuthenticator authenticator) {
        Integer linger = config.transport().lingerTimeout() != null ? config.transport().lingerTimeout() : config.lingerTimeout();
        ServerBootstrap b = new ServerBootstrap().group(acceptors, workers).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.SO_LINGER, linger)
                .childOption(ChannelOption.SO_KEEPALIVE, config.sendKeepalivePacket())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(limits.writeLowWaterMark(), limits.writeHighWaterMark()))
                .childHandler(new ForwardChannelInitializer(config, limits, ctx, tls, authenticator, channels, () -> paused, resolver));
        if (config.backlog() != null) {
            b.option(ChannelOption.SO_BACKLOG, config.backlog());
        }
        return b;
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

    /** For /healthz: every connection event loop runs a no-op task within the timeout. */
    @Override
    public boolean alive(Duration timeout) {
        EventLoopGroup loops = workers;
        if (loops == null || loops.isShuttingDown()) {
            return true; // not started or stopping: readiness says so, a restart would not help
        }
        List<io.netty.util.concurrent.Future<?>> pings = new ArrayList<>();
        try {
            for (io.netty.util.concurrent.EventExecutor loop : loops) {
                pings.add(loop.submit(() -> { }));
            }
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (io.netty.util.concurrent.Future<?> ping : pings) {
            if (!ping.awaitUninterruptibly(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /** Open client connections, for tests and the curious. */
    int connections() {
        ChannelGroup g = channels;
        return g == null ? 0 : g.size();
    }

    @Override
    public void stop() {
        List<io.netty.util.concurrent.Future<?>> waits = new ArrayList<>();
        if (server != null) {
            waits.add(server.close());
        }
        if (heartbeat != null) {
            waits.add(heartbeat.close());
        }
        if (channels != null) {
            waits.add(channels.close());
        }
        waits.forEach(f -> f.awaitUninterruptibly(10, TimeUnit.SECONDS));
        for (EventLoopGroup g : new EventLoopGroup[] {acceptors, workers}) {
            if (g != null) {
                g.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
            }
        }
        if (resolver != null) {
            resolver.shutdownNow();
        }
        server = null;
        heartbeat = null;
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

    /**
     * Applies pause or resume on every connection's event loop and, unless called from one of those
     * loops, waits until it has: once {@code pause()} returns, no connection starts another read.
     */
    private void switchReading(boolean on) {
        Channel s = server;
        if (s != null) {
            s.config().setAutoRead(on);
        }
        if (channels == null) {
            return;
        }
        List<io.netty.util.concurrent.Future<?>> applied = new ArrayList<>();
        for (Channel ch : channels) {
            applied.add(ch.eventLoop().submit(() -> {
                if (on) {
                    ReadSwitch.on(ch, ReadSwitch.PAUSED);
                } else {
                    ReadSwitch.off(ch, ReadSwitch.PAUSED);
                }
            }));
        }
        EventLoopGroup w = workers;
        boolean onOurLoop = w != null && java.util.stream.StreamSupport.stream(w.spliterator(), false).anyMatch(e -> e.inEventLoop());
        if (!onOurLoop) {
            applied.forEach(f -> f.awaitUninterruptibly(5, TimeUnit.SECONDS));
        }
    }
}
