package io.floe.inputs.net;

import io.netty.bootstrap.Bootstrap;
import io.floe.api.PluginContext;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A network input's port, bound once: the TCP listening socket (and, for forward, the UDP heartbeat) on an
 * event loop of its own, so that the listener outlives the input that opened it and a reload hands it to
 * the next one. Accepted connections go to whichever input is attached; while none is, accepting pauses
 * and connecting clients wait in the kernel's backlog instead of being refused. The datagram handler
 * keeps answering throughout.
 */
public final class NetListener implements AutoCloseable {
    private final String bind;
    private final Integer backlog;
    private final EventLoopGroup loop;
    private final Channel server;
    /** The UDP side, or null. */
    private final Channel heartbeat;
    private final AcceptDispatcher dispatcher;
    /** Whether the owner wants connections accepted (attached and not paused); a back-off must not override it. */
    private final AtomicBoolean accepting;

    private NetListener(String bind, Integer backlog, EventLoopGroup loop, Channel server, Channel heartbeat,
                            AcceptDispatcher dispatcher, AtomicBoolean accepting) {
        this.bind = bind;
        this.backlog = backlog;
        this.loop = loop;
        this.server = server;
        this.heartbeat = heartbeat;
        this.dispatcher = dispatcher;
        this.accepting = accepting;
    }

    /**
     * The listener the previous configuration left on this port for an input of this {@code kind}, if it listens
     * the same way; else a new one. Port 0 (a free port) is never taken over.
     */
    public static NetListener adoptOrBind(PluginContext ctx, String kind, String bind, int port, Integer backlog,
                                          ChannelHandler datagram) throws Exception {
        NetListener left = port == 0 ? null : ctx.handover().adopt(handoverKey(kind, port), NetListener.class);
        if (left != null) {
            if (left.sameAs(bind, backlog)) {
                ctx.log().info("took over the listening socket of the previous configuration port={}", left.port());
                return left;
            }
            left.close();
        }
        return bind(bind, port, backlog, kind + "-" + ctx.id(), datagram);
    }

    /** Under which key an input of this {@code kind} leaves its listener on {@code port} to the next configuration. */
    public static String handoverKey(String kind, int port) {
        return kind + ":" + port;
    }

    /**
     * Binds TCP, and UDP with {@code datagram} unless it is null, on {@code bind:port} (port 0: a free one, the same
     * for both); nothing is accepted until attached.
     */
    static NetListener bind(String bind, int port, Integer backlog, String name, ChannelHandler datagram) throws Exception {
        EventLoopGroup loop = new NioEventLoopGroup(1, new DefaultThreadFactory(name + "-accept", true));
        Channel server = null;
        try {
            InetAddress address = InetAddress.getByName(bind);
            AtomicBoolean accepting = new AtomicBoolean();
            NioServerSocketChannel tcp = new NioServerSocketChannel();
            // As Netty's own acceptor does: after a failed accept, pause accepting for a second.
            AcceptDispatcher dispatcher = new AcceptDispatcher(() -> {
                tcp.config().setAutoRead(false);
                tcp.eventLoop().schedule(() -> tcp.config().setAutoRead(accepting.get()), 1, TimeUnit.SECONDS);
            });
            tcp.config().setReuseAddress(true);
            tcp.config().setAutoRead(false);
            if (backlog != null) {
                tcp.config().setBacklog(backlog);
            }
            tcp.pipeline().addLast("dispatch", dispatcher);
            loop.register(tcp).sync();
            server = tcp;
            tcp.bind(new InetSocketAddress(address, port)).sync();
            int bound = ((InetSocketAddress) tcp.localAddress()).getPort();
            Channel udp = datagram == null ? null : new Bootstrap().group(loop).channel(NioDatagramChannel.class)
                    .handler(datagram).bind(address, bound).sync().channel();
            return new NetListener(bind, backlog, loop, tcp, udp, dispatcher, accepting);
        } catch (Exception e) {
            if (server != null) {
                server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Whether an input configured with this address and backlog can take this listener over as it is. */
    boolean sameAs(String otherBind, Integer otherBacklog) {
        return bind.equals(otherBind) && Objects.equals(backlog, otherBacklog);
    }

    /** From now on accepted connections go to {@code acceptor}; accepting starts unless {@code accepting} is false. */
    public void attach(Consumer<Channel> acceptor, boolean accepting) {
        loop.submit(() -> dispatcher.attach(acceptor)).syncUninterruptibly();
        accepting(accepting);
    }

    /**
     * Stops accepting and forgets the acceptor; returns once no connection will be handed to it any more.
     * Connections accepted meanwhile wait for the next acceptor.
     */
    public void detach() {
        accepting.set(false);
        server.config().setAutoRead(false);
        loop.submit(dispatcher::detach).syncUninterruptibly();
    }

    /** Pauses or resumes accepting (a full buffer blocks the inputs). */
    public void accepting(boolean on) {
        accepting.set(on);
        server.config().setAutoRead(on);
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (heartbeat != null) {
            heartbeat.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        loop.submit(dispatcher::closeWaiting).awaitUninterruptibly(5, TimeUnit.SECONDS);
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "listener " + bind + ":" + port();
    }
}
