package io.floe.outputs.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.codec.forward.PackedForward;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A chunk is read from the buffer only as fast as its messages leave: never whole, whatever its size. */
class ConnectionTest {
    private static final int MESSAGE = 1 << 20;

    @Test
    void readsNoMoreOfAChunkThanTheWriteWindowWhileNothingIsWritten() throws Exception {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        List<Object> held = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0)) {
            ConnectionHandler handler = new ConnectionHandler(false);
            Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel c) {
                            // A server that takes nothing: every write stays pending.
                            c.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
                                @Override
                                public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                                    held.add(msg);
                                }
                            }, handler);
                        }
                    })
                    .connect(new InetSocketAddress("127.0.0.1", server.getLocalPort())).sync().channel();
            AtomicInteger read = new AtomicInteger();
            Connection.Messages chunk = new Connection.Messages() {
                @Override
                public int size() {
                    return 256; // 256 MiB, the file buffer's default chunk_limit_size
                }

                @Override
                public PackedForward get(int i) {
                    read.incrementAndGet();
                    return PackedForward.of("t", new byte[MESSAGE], 0, MESSAGE, 1, "id" + i, false);
                }
            };
            Connection conn = new Connection(ch, handler);
            assertThrows(TimeoutException.class, () -> conn.send(chunk, Duration.ofMillis(300), Duration.ofSeconds(1)));
            assertEquals(Connection.WRITE_WINDOW / MESSAGE, read.get(), "messages read from the buffer while none was written");
        } finally {
            held.forEach(ReferenceCountUtil::release);
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
