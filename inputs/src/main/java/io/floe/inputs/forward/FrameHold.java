package io.floe.inputs.forward;

import io.netty.channel.ChannelHandlerContext;

/** What one connection's frame decoder holds of unfinished frames, kept in its input's {@link FrameMemory}. */
final class FrameHold {
    private final FrameMemory memory;
    private long held;

    FrameHold(FrameMemory memory) {
        this.memory = memory;
    }

    /** After a read was decoded: the decoder now holds {@code now} bytes. */
    void nowHolding(ChannelHandlerContext ctx, int now) {
        if (now != held) {
            long before = held;
            held = now;
            memory.update(ctx.channel(), before, now);
        }
    }

    /** The decoder is gone with its bytes (connection closed, or decoder replaced). */
    void release(ChannelHandlerContext ctx) {
        long before = held;
        held = 0;
        memory.closed(ctx.channel(), before);
    }
}
