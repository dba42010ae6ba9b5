package io.floe.inputs.udp;

import io.floe.api.PluginContext;
import io.floe.inputs.net.MessageServer;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The UDP socket of a message input (in_udp, in_syslog on UDP), on an event loop of its own. Not handed over on a
 * reload: UDP has no connections to keep waiting, and datagrams sent while no socket is bound are lost either way.
 */
public final class UdpServer implements MessageServer {
    private final PluginContext ctx;
    private final String kind;
    private final UdpMessageHandler handler;
    private EventLoopGroup loop;
    private Channel channel;
    private volatile int boundPort = -1;

    public UdpServer(PluginContext ctx, String kind, UdpMessageHandler handler) {
        this.ctx = ctx;
        this.kind = kind;
        this.handler = handler;
    }

    /** Binds {@code bind:port}; datagrams go to the handler, those longer than its limit are seen as such. */
    public void start(String bind, int port, Integer receiveBufferSize) throws Exception {
        int limit = handler.limit();
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

    @Override
    public int port() {
        return boundPort;
    }

    @Override
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

    /** UDP cannot push back: while paused, datagrams are read and dropped, and counted. */
    @Override
    public void pause() {
        handler.paused(true);
    }

    @Override
    public void resume() {
        handler.paused(false);
    }

    @Override
    public Map<String, Object> monitorFields() {
        return Map.of("dropped_records", handler.dropped());
    }
}
