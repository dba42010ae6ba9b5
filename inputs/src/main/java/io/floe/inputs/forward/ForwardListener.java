package io.floe.inputs.forward;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
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
 * The forward port, bound once: the TCP listening socket and the UDP heartbeat on an event loop of
 * their own, so that the listener outlives the {@link ForwardInput} that opened it and a reload hands it
 * to the next one. Accepted connections go to whichever input is attached; while none is, accepting
 * pauses and connecting clients wait in the kernel's backlog instead of being refused. The heartbeat
 * keeps answering throughout.
 */
final class ForwardListener implements AutoCloseable {
    private final String bind;
    private final Integer backlog;
    private final EventLoopGroup loop;
    private final Channel server;
    private final Channel heartbeat;
    private final AcceptDispatcher dispatcher;
    /** Whether the owner wants connections accepted (attached and not paused); a back-off must not override it. */
    private final AtomicBoolean accepting;

    private ForwardListener(String bind, Integer backlog, EventLoopGroup loop, Channel server, Channel heartbeat,
                            AcceptDispatcher dispatcher, AtomicBoolean accepting) {
        this.bind = bind;
        this.backlog = backlog;
        this.loop = loop;
        this.server = server;
        this.heartbeat = heartbeat;
        this.dispatcher = dispatcher;
        this.accepting = accepting;
    }

    /** Binds TCP and UDP on {@code bind:port} (port 0: a free one, the same for both); nothing is accepted until attached. */
    static ForwardListener bind(String bind, int port, Integer backlog, String name) throws Exception {
        EventLoopGroup loop = new NioEventLoopGroup(1, new DefaultThreadFactory("forward-" + name + "-accept", true));
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
            Channel udp = new Bootstrap().group(loop).channel(NioDatagramChannel.class)
                    .handler(new ForwardHeartbeatHandler()).bind(address, bound).sync().channel();
            return new ForwardListener(bind, backlog, loop, tcp, udp, dispatcher, accepting);
        } catch (Exception e) {
            if (server != null) {
                server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Whether an input configured with this address and backlog can take this listener over as it is. */
    boolean sameAs(String otherBind, Integer otherBacklog) {
        return bind.equals(otherBind) && Objects.equals(backlog, otherBacklog);
    }

    /** From now on accepted connections go to {@code acceptor}; accepting starts unless {@code accepting} is false. */
    void attach(Consumer<Channel> acceptor, boolean accepting) {
        loop.submit(() -> dispatcher.attach(acceptor)).syncUninterruptibly();
        accepting(accepting);
    }

    /**
     * Stops accepting and forgets the acceptor; returns once no connection will be handed to it any more.
     * Connections accepted meanwhile wait for the next acceptor.
     */
    void detach() {
        accepting.set(false);
        server.config().setAutoRead(false);
        loop.submit(dispatcher::detach).syncUninterruptibly();
    }

    /** Pauses or resumes accepting (a full buffer blocks the inputs). */
    void accepting(boolean on) {
        accepting.set(on);
        server.config().setAutoRead(on);
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        heartbeat.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        loop.submit(dispatcher::closeWaiting).awaitUninterruptibly(5, TimeUnit.SECONDS);
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "forward listener " + bind + ":" + port();
    }
}
