package io.floe.inputs.udp;

import io.floe.api.PluginContext;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The UDP socket of a message input (in_udp, in_syslog on UDP), on an event loop of its own. Not handed over on a
 * reload: UDP has no connections to keep waiting, and datagrams sent while no socket is bound are lost either way.
 */
public final class UdpServer {
    private final PluginContext ctx;
    private final String kind;
    private EventLoopGroup loop;
    private Channel channel;
    private volatile int boundPort = -1;

    public UdpServer(PluginContext ctx, String kind) {
        this.ctx = ctx;
        this.kind = kind;
    }

    /** Binds {@code bind:port}; datagrams go to {@code handler}, those longer than {@code limit} are seen as such. */
    public void start(String bind, int port, int limit, Integer receiveBufferSize, UdpMessageHandler handler) throws Exception {
        loop = new NioEventLoopGroup(1, new DefaultThreadFactory(kind + "-" + ctx.id(), true));
        // One byte more than the limit, so that a longer datagram is seen as such (the kernel cuts it there).
        Bootstrap b = new Bootstrap().group(loop).channel(NioDatagramChannel.class)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(limit + 1))
                .handler(handler);
        if (receiveBufferSize != null) {
            b.option(ChannelOption.SO_RCVBUF, receiveBufferSize);
        }
        try {
            channel = b.bind(new InetSocketAddress(InetAddress.getByName(bind), port)).sync().channel();
        } catch (Exception e) {
            stop();
            throw e;
        }
        boundPort = ((InetSocketAddress) channel.localAddress()).getPort();
        ctx.log().info("listening udp socket port={} bind=\"{}\"", boundPort, bind);
    }

    /** The port listened on; with {@code port 0}, the one the OS picked. -1 before start. */
    public int port() {
        return boundPort;
    }

    public void stop() {
        if (channel != null) {
            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (loop != null) {
            loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        channel = null;
        boundPort = -1;
    }
}
