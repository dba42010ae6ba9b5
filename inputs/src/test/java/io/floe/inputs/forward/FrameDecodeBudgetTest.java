package io.floe.inputs.forward;

import io.floe.inputs.net.FrameMemory;
import static io.floe.testkit.Mp.list;
import static io.floe.testkit.Mp.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.testkit.Mp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decode budget of {@link FrameMemory}: complete messages decoded and emitted at the same time on
 * several connections may together take no more than the budget; a message that would pass it is
 * refused (the connection closes, its client resends), a message alone or a small one is always taken,
 * and the budget is given back once the message has been handed on.
 */
class FrameDecodeBudgetTest {
    private static final int MIB = 1 << 20;

    private final FrameMemory memory = new FrameMemory(64 * MIB, 64 * MIB, 5 * MIB);

    /** A PackedForward message of a little over {@code mib} MiB: one record holding that many bytes. */
    private static ByteBuf message(int mib) {
        byte[] entries = Mp.stream(list(1_800_000_000L, map("log", "x".repeat(mib * MIB))));
        return Unpooled.wrappedBuffer(Mp.pack(list("t", entries)));
    }

    /** A connection whose emit runs {@code during} while the message is being handed on (another loop's work). */
    private EmbeddedChannel connection(List<ForwardMessage> emitted, Runnable during) {
        return new EmbeddedChannel(new ForwardMessageDecoder(false, 64 * MIB, memory), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                emitted.add((ForwardMessage) msg);
                during.run();
            }
        });
    }

    @Test
    void aLargeMessageBeyondTheBudgetWhileAnotherIsEmittedIsRefusedAndTheBudgetComesBack() {
        List<ForwardMessage> emitted = new ArrayList<>();
        EmbeddedChannel late = connection(emitted, () -> { });
        List<Throwable> refusals = new ArrayList<>();
        long[] whileEmitting = new long[1];
        EmbeddedChannel first = connection(emitted, () -> {
            whileEmitting[0] = memory.decoding();
            refusals.add(assertThrows(ForwardProtocolException.class, () -> late.writeInbound(message(2))));
        });
        ByteBuf big = message(3);
        int bigBytes = big.readableBytes();
        first.writeInbound(big);

        assertEquals(bigBytes, whileEmitting[0], "the first message holds its size while it is emitted");
        assertEquals(1, emitted.size(), "the first message went on; the second, past the budget, did not");
        assertTrue(refusals.get(0).getMessage().contains("would exceed " + (5 * MIB) + " bytes"), refusals.get(0).getMessage());
        assertEquals(0, memory.decoding(), "the budget is given back once the message was handed on");
        assertEquals(0, big.refCnt(), "the frame is released");
    }

    @Test
    void framesAfterARefusedOneOnTheSameConnectionAreDroppedUnread() {
        List<ForwardMessage> emitted = new ArrayList<>();
        EmbeddedChannel late = connection(emitted, () -> { });
        ByteBuf after = message(0);
        EmbeddedChannel first = connection(new ArrayList<>(), () -> {
            assertThrows(ForwardProtocolException.class, () -> late.writeInbound(message(2)));
            late.writeInbound(after);
        });
        first.writeInbound(message(4));
        assertTrue(emitted.isEmpty(), "nothing of the refused connection is emitted (nor acknowledged)");
        assertEquals(0, after.refCnt());
    }

    @Test
    void aMessageAloneIsTakenWhateverItsSizeAndSmallMessagesAreNeverRefused() {
        List<ForwardMessage> emitted = new ArrayList<>();
        EmbeddedChannel small = connection(emitted, () -> { });
        EmbeddedChannel alone = connection(emitted, () -> {
            assertFalse(memory.takeDecoding(2 * MIB), "the budget is full");
            for (int i = 0; i < 3; i++) {
                small.writeInbound(Unpooled.wrappedBuffer(Mp.pack(list("t", Mp.stream(list(1_800_000_000L, map("log", "hi")))))));
            }
        });
        alone.writeInbound(message(6));
        assertEquals(4, emitted.size(), "the lone message beyond the budget, and the small ones beside it");
        assertEquals(0, memory.decoding());
    }

    @Test
    void theDefaultsFollowTheHeap() {
        assertEquals(10 * MIB, ForwardLimits.heapSafeFrameBytes(80L * MIB));
        assertEquals(16 * MIB, ForwardLimits.heapSafeFrameBytes(128L * MIB));
        assertEquals(ForwardLimits.DEFAULT_MAX_FRAME_BYTES, ForwardLimits.heapSafeFrameBytes(4096L * MIB), "64m at most");
        assertEquals(32L * MIB, ForwardLimits.decodeBudget(128L * MIB), "two of the largest at once");
    }
}
