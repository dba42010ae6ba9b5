package io.floe.inputs.forward;

import static io.floe.testkit.Mp.list;
import static io.floe.testkit.Mp.map;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.testkit.Mp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ForwardFrameDecoderTest {
    private static final byte[] A = Mp.pack(list("app.a", 1795236011, map("log", "line 1")));
    private static final byte[] B = Mp.pack(list("app.b", list(list(new Mp.Time(1, 2), map("k", "v")))));
    private static final byte[] C = Mp.pack(list("app.c", "x".repeat(5000).getBytes(), map("chunk", "abc=")));
    private static final byte[] NIL = {(byte) 0xc0};

    private static EmbeddedChannel channel(int max) {
        return new EmbeddedChannel(new ForwardFrameDecoder(max, Duration.ofSeconds(60)));
    }

    /** A decoder allowing a frame 60 s to complete, on a channel whose clock moves only when the test says. */
    private static EmbeddedChannel frozenClockChannel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(new ForwardFrameDecoder(1 << 20, Duration.ofSeconds(60)));
        return ch;
    }

    @Test
    void cutsAStreamIntoFramesFedAllAtOnce() {
        EmbeddedChannel ch = channel(1 << 20);
        ch.writeInbound(Unpooled.wrappedBuffer(Mp.concat(A, NIL, B, C)));
        assertFrames(ch, A, NIL, B, C);
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void cutsAStreamFedByteByByte() {
        EmbeddedChannel ch = channel(1 << 20);
        byte[] all = Mp.concat(A, B, NIL, C, A);
        for (byte b : all) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertFrames(ch, A, B, NIL, C, A);
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void cutsAStreamInRandomFragments() {
        Random random = new Random(42);
        byte[] all = Mp.concat(A, B, C, NIL, C, B, A);
        for (int round = 0; round < 200; round++) {
            EmbeddedChannel ch = channel(1 << 20);
            int at = 0;
            while (at < all.length) {
                int n = Math.min(all.length - at, 1 + random.nextInt(700));
                ch.writeInbound(Unpooled.wrappedBuffer(all, at, n));
                at += n;
            }
            assertFrames(ch, A, B, C, NIL, C, B, A);
            assertFalse(ch.finishAndReleaseAll());
        }
    }

    @Test
    void closesOnAByteThatIsNotMsgpackAndDiscardsWhatFollows() {
        EmbeddedChannel ch = channel(1 << 20);
        ForwardProtocolException e = assertThrows(ForwardProtocolException.class,
                () -> ch.writeInbound(Unpooled.wrappedBuffer(Mp.concat(A, new byte[] {(byte) 0x93, (byte) 0xc1}, B))));
        assertTrue(e.getMessage().contains("0xc1"));
        assertFrames(ch, A);
        assertFalse(ch.isOpen());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void closesOnAFrameOverTheLimitAsSoonAsItsHeaderSaysSo() {
        EmbeddedChannel ch = channel(4096);
        byte[] header = {(byte) 0x93, (byte) 0xa1, 't', (byte) 0xc6, 0, 1, 0, 0}; // bin32 of 64 KiB, no payload yet
        ForwardProtocolException e = assertThrows(ForwardProtocolException.class, () -> ch.writeInbound(Unpooled.wrappedBuffer(header)));
        assertTrue(e.getMessage().contains("larger than the limit of 4096"), e.getMessage());
        assertFalse(ch.isOpen());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void acceptsAFrameOfExactlyTheLimit() {
        EmbeddedChannel ch = channel(C.length);
        ch.writeInbound(Unpooled.wrappedBuffer(C));
        assertFrames(ch, C);
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void closesAConnectionWhoseFrameDoesNotCompleteInTime() {
        EmbeddedChannel ch = frozenClockChannel();
        ch.writeInbound(Unpooled.wrappedBuffer(A, 0, 10));
        ch.advanceTimeBy(30, TimeUnit.SECONDS);
        ch.writeInbound(Unpooled.wrappedBuffer(A, 10, 1)); // one more byte: still trickling
        ch.runScheduledPendingTasks();
        assertTrue(ch.isOpen());
        ch.advanceTimeBy(31, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(ch.isOpen());
        ForwardProtocolException e = assertThrows(ForwardProtocolException.class, ch::checkException);
        assertTrue(e.getMessage().contains("incomplete after 60"), e.getMessage());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void anIdleConnectionBetweenFramesIsNotTimedOut() {
        EmbeddedChannel ch = frozenClockChannel();
        ch.writeInbound(Unpooled.wrappedBuffer(A, 0, 10));
        ch.writeInbound(Unpooled.wrappedBuffer(A, 10, A.length - 10));
        ch.advanceTimeBy(600, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isOpen());
        assertFrames(ch, A);
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void framesAreSlicesOfTheReceivedBytesNotCopies() {
        EmbeddedChannel ch = channel(1 << 20);
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(Mp.concat(A, B));
        ch.writeInbound(in);
        ByteBuf first = ch.readInbound();
        try {
            assertEquals(A.length, first.readableBytes());
            assertTrue(first.unwrap() != null, "a slice of the cumulation");
        } finally {
            first.release();
        }
        assertFrames(ch, B);
        assertFalse(ch.finishAndReleaseAll());
    }

    static void assertFrames(EmbeddedChannel ch, byte[]... expected) {
        List<byte[]> got = new ArrayList<>();
        ByteBuf f;
        while ((f = ch.readInbound()) != null) {
            got.add(ByteBufUtil.getBytes(f));
            f.release();
        }
        assertEquals(expected.length, got.size(), "frames");
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], got.get(i), "frame " + i);
        }
    }
}
