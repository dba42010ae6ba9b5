package io.floe.inputs.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ForwardHeartbeatHandlerTest {
    @Test
    void answersAnyDatagramWithOneZeroByteToItsSender() {
        EmbeddedChannel ch = new EmbeddedChannel(new ForwardHeartbeatHandler());
        InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 5555);
        for (byte[] payload : new byte[][] {{}, {0}, "ping".getBytes(), new byte[1024]}) {
            ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(payload), new InetSocketAddress("127.0.0.1", 24224), sender));
            DatagramPacket reply = ch.readOutbound();
            try {
                assertEquals(sender, reply.recipient());
                assertArrayEquals(new byte[] {0}, ByteBufUtil.getBytes(reply.content()));
            } finally {
                reply.release();
            }
        }
        assertNull(ch.readInbound());
        assertFalse(ch.finishAndReleaseAll());
    }
}
