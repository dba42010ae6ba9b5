package io.floe.agent.http;

import io.floe.api.http.HttpMount;
import io.floe.api.http.HttpRoutes;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * One bound HTTP port: its own event loop thread and two handler threads (a slow scrape does not hold
 * up a probe), serving the routes of every mount on it. Closes itself when its last mount closes.
 */
final class HttpListener {
    /** Longest request line and header block, as Netty's defaults; a longer one is refused, not held. */
    static final int MAX_INITIAL_LINE = 4096;
    static final int MAX_HEADERS = 8192;

    private final EventLoopGroup loop;
    private final ExecutorService handlers;
    private final Consumer<HttpListener> closed;
    private final BodyMemory memory = BodyMemory.ofHeap();
    private volatile Channel server;
    private HttpMount first;
    // Copy on write under this listener's lock; read on every request without one.
    private volatile List<MountImpl> mounts = List.of();

    private HttpListener(EventLoopGroup loop, ExecutorService handlers, Consumer<HttpListener> closed) {
        this.loop = loop;
        this.handlers = handlers;
        this.closed = closed;
    }

    /**
     * Binds a new listener that serves {@code first} (see {@link #firstMount}) from its first connection on,
     * closing connections idle for its keepalive timeout.
     *
     * @param closed told when the last mount closed and the port is free again
     */
    static HttpListener open(String bind, int port, Mounted first, Consumer<HttpListener> closed) throws IOException {
        String name = first.owner();
        EventLoopGroup loop = new NioEventLoopGroup(1, new DefaultThreadFactory(name + "-http", true));
        ExecutorService handlers = Executors.newFixedThreadPool(2, new DefaultThreadFactory(name + "-http-handler", true));
        HttpListener listener = new HttpListener(loop, handlers, closed);
        listener.first = listener.mount(first);
        ServerBootstrap b = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 64)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (first.options().tls() != null) {
                            ch.pipeline().addLast(new SslHandler(first.options().tls().get()));
                        }
                        pipeline(ch.pipeline(), listener.maxBodyBytes(), first.options().keepaliveTimeout(), listener.memory,
                                listener::current, handlers, first.log());
                    }
                });
        try {
            listener.server = b.bind(new InetSocketAddress(bind, port)).syncUninterruptibly().channel();
            return listener;
        } catch (Exception e) {
            // Netty rethrows the bind's BindException without declaring it.
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            handlers.shutdownNow();
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e);
        }
    }

    /**
     * A connection's handlers: idle timeout, HTTP/1.1 codec, body bounded by {@code maxRequestBytes} and
     * counted against {@code memory}, the routing.
     */
    static void pipeline(ChannelPipeline p, int maxRequestBytes, Duration idle, BodyMemory memory, Supplier<List<Mounted>> mounts,
                         Executor handlers, Logger log) {
        BodyAccounting accounting = new BodyAccounting(memory);
        p.addLast(new IdleStateHandler(0, 0, idle.toMillis(), TimeUnit.MILLISECONDS),
                new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, 8192),
                accounting,
                new BoundedAggregator(maxRequestBytes),
                new HttpRequestHandler(mounts, handlers, log, accounting, memory));
    }

    /** The largest body a connection opened now reads: the largest any mount takes. */
    int maxBodyBytes() {
        return mounts.stream().mapToInt(m -> m.served.options().maxBodyBytes()).max().orElse(0);
    }

    private static Object tlsOf(HttpMount m) {
        return ((MountImpl) m).served.options().tls();
    }

    /** The mount the listener was opened for. */
    HttpMount firstMount() {
        return first;
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The address bound, with the port the OS picked for port 0. */
    InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** The routes answering right now, in the order mounted. */
    List<Mounted> current() {
        return mounts.stream().map(m -> m.served).toList();
    }

    synchronized HttpMount mount(Mounted routes) {
        Router.checkFree(current(), routes);
        if (first != null && (routes.options().tls() == null) != (tlsOf(first) == null)) {
            throw new IllegalArgumentException(routes.owner() + " wants " + (routes.options().tls() == null ? "HTTP" : "HTTPS")
                    + " on a port that serves " + (tlsOf(first) == null ? "HTTP" : "HTTPS"));
        }
        MountImpl m = new MountImpl(routes);
        List<MountImpl> next = new ArrayList<>(mounts);
        next.add(m);
        mounts = List.copyOf(next);
        return m;
    }

    private synchronized void serve(MountImpl m, HttpRoutes routes) {
        Mounted next = m.served.withRoutes(routes);
        Router.checkFree(mounts.stream().filter(o -> o != m).map(o -> o.served).toList(), next);
        m.served = next;
    }

    private void unmount(MountImpl m) {
        boolean last;
        synchronized (this) {
            if (!mounts.contains(m)) {
                return;
            }
            List<MountImpl> next = new ArrayList<>(mounts);
            next.remove(m);
            mounts = List.copyOf(next);
            last = next.isEmpty();
        }
        if (last) {
            close();
        }
    }

    /** Frees the port (awaited, so it can be bound again at once) and drops open connections. */
    void close() {
        closed.accept(this);
        if (server.eventLoop().inEventLoop()) {
            server.close();
        } else {
            server.close().awaitUninterruptibly();
        }
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        handlers.shutdownNow();
    }

    private final class MountImpl implements HttpMount {
        private volatile Mounted served;

        MountImpl(Mounted served) {
            this.served = served;
        }

        @Override
        public int port() {
            return HttpListener.this.port();
        }

        @Override
        public void serve(HttpRoutes routes) {
            HttpListener.this.serve(this, routes);
        }

        @Override
        public void close() {
            unmount(this);
        }
    }
}
