package io.floe.inputs.forward;

import io.floe.inputs.net.FrameMemory;
import io.floe.inputs.net.ReadSwitch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.testkit.Mp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The global cap on bytes held in unfinished frames, across connections sharing one {@link FrameMemory}:
 * reading pauses past the cap and resumes when bytes are released.
 */
class FrameMemoryTest {
    private static final int CAP = 1 << 20;
    private static final int BODY = 3 << 20;

    private final FrameMemory memory = new FrameMemory(CAP, CAP);

    private EmbeddedChannel connection() {
        return new EmbeddedChannel(new ForwardFrameDecoder(8 << 20, Duration.ofSeconds(60), memory));
    }

    /** ["t", bin32 of BODY bytes]: the header, then the body in parts. */
    private static ByteBuf header() {
        return Unpooled.wrappedBuffer(new byte[] {(byte) 0x92, (byte) 0xa1, 't', (byte) 0xc6,
            (byte) (BODY >>> 24), (byte) (BODY >>> 16), (byte) (BODY >>> 8), (byte) BODY});
    }

    private static void send(EmbeddedChannel ch, int bytes) {
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[bytes]));
    }

    @Test
    void pausesConnectionsThatGrowPastTheCapAndResumesThemWhenALeaderCompletes() {
        EmbeddedChannel a = connection();
        EmbeddedChannel b = connection();
        EmbeddedChannel c = connection();
        a.writeInbound(header());
        send(a, 900 << 10);
        assertTrue(a.config().isAutoRead(), "under the cap");

        b.writeInbound(header());
        send(b, 300 << 10);
        assertTrue(b.config().isAutoRead(), "past the cap, the first to grow leads and keeps reading");

        c.writeInbound(header());
        send(c, 300 << 10);
        assertFalse(c.config().isAutoRead(), "past the cap, another connection that grows pauses");
        assertEquals(1, memory.pausedConnections());
        long held = memory.held();

        send(b, BODY - (300 << 10));
        assertEquals(1, b.inboundMessages().size(), "the leader's frame completed");
        ((ByteBuf) b.readInbound()).release();
        assertEquals(held - (300 << 10) - 8, memory.held(), "its bytes are released");
        assertTrue(c.config().isAutoRead(), "the paused connection reads again when the leader's frame completes");
        assertEquals(0, memory.pausedConnections());

        a.close();
        b.close();
        c.close();
        assertEquals(0, memory.held(), "closed connections hold nothing");
    }

    @Test
    void aClosingConnectionWakesThePausedOnes() {
        EmbeddedChannel stalled = connection();
        EmbeddedChannel c = connection();
        stalled.writeInbound(header());
        send(stalled, CAP);
        assertTrue(stalled.config().isAutoRead(), "the first past the cap leads");
        c.writeInbound(header());
        send(c, 100 << 10);
        assertFalse(c.config().isAutoRead());

        stalled.close(); // as its frame timer does to a client that stopped halfway
        assertEquals(100 << 10, memory.held() - 8);
        assertTrue(c.config().isAutoRead(), "below the cap again, reading resumes");
        c.close();
        assertEquals(0, memory.held());
    }

    @Test
    void aConnectionOfSmallMessagesKeepsReadingPastTheCap() {
        EmbeddedChannel big = connection();
        EmbeddedChannel paused = connection();
        big.writeInbound(header());
        send(big, CAP + 1);
        paused.writeInbound(header());
        send(paused, CAP);
        assertFalse(paused.config().isAutoRead(), "the cap is used up, and another connection leads");

        EmbeddedChannel small = connection();
        byte[] message = Mp.pack(Mp.list("app", 1795236011, Mp.map("log", "x".repeat(100))));
        // Each read: a whole message and the first half of the next, as a busy client's reads come.
        small.writeInbound(Unpooled.wrappedBuffer(message, 0, message.length / 2));
        for (int i = 0; i < 100; i++) {
            small.writeInbound(Unpooled.wrappedBuffer(Mp.concat(
                    java.util.Arrays.copyOfRange(message, message.length / 2, message.length),
                    java.util.Arrays.copyOfRange(message, 0, message.length / 2))));
            assertTrue(small.config().isAutoRead(), "read " + i);
        }
        assertEquals(100, small.inboundMessages().size());
        small.releaseInbound();
        big.close();
        paused.close();
        small.close();
        assertEquals(0, memory.held());
    }

    @Test
    void aPausedConnectionsDecoderCannotAskForOneMoreRead() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        io.netty.channel.ChannelOutboundHandlerAdapter socket = new io.netty.channel.ChannelOutboundHandlerAdapter() {
            @Override
            public void read(io.netty.channel.ChannelHandlerContext ctx) {
                reads.incrementAndGet();
                ctx.read();
            }
        };
        EmbeddedChannel stalled = connection();
        stalled.writeInbound(header());
        send(stalled, CAP + 1);
        EmbeddedChannel c = new EmbeddedChannel(socket, ReadSwitch.Gate.INSTANCE,
                new ForwardFrameDecoder(8 << 20, Duration.ofSeconds(60), memory));
        c.writeInbound(header());
        int before = reads.get();
        // Bytes and no frame: with auto-read off, ByteToMessageDecoder asks for one more read at the read's end.
        send(c, 100 << 10);
        assertFalse(c.config().isAutoRead());
        assertEquals(before, reads.get(), "the read was not passed on");
        stalled.close();
        assertTrue(c.config().isAutoRead());
        assertTrue(reads.get() > before, "turning auto-read back on reads");
        c.close();
    }

    @Test
    void bytesReadWhilePausedCloseTheConnectionUnheld() {
        EmbeddedChannel stalled = connection();
        stalled.writeInbound(header());
        send(stalled, CAP + 1);
        EmbeddedChannel c = connection();
        c.writeInbound(header());
        send(c, 100 << 10);
        assertFalse(c.config().isAutoRead());
        long held = memory.held();
        // A peer that closes or resets makes its socket readable whatever was asked: the kernel's buffer comes in.
        send(c, 64 << 10);
        assertFalse(c.isOpen(), "the connection is closed instead of holding more");
        assertEquals(held - (100 << 10) - 8, memory.held(), "and what it held is released");
        stalled.close();
        assertEquals(0, memory.held());
    }

    @Test
    void aFrameFedWithinTheCapNeverPauses() {
        EmbeddedChannel a = connection();
        for (int round = 0; round < 3; round++) {
            a.writeInbound(header());
            for (int sent = 0; sent < BODY; sent += 64 << 10) {
                send(a, Math.min(64 << 10, BODY - sent));
                assertTrue(a.config().isAutoRead(), "alone, a connection leads past the cap");
            }
            ((ByteBuf) a.readInbound()).release();
            assertEquals(0, memory.held());
        }
        a.close();
    }
}
