package io.floe.inputs.forward;

import io.netty.channel.ChannelHandlerContext;

/**
 * What one connection's frame decoder holds of unfinished frames, kept in its input's {@link FrameMemory}.
 * A connection paused for memory can still be read: once its peer closes or resets it, the socket is
 * readable whatever was asked, and the event loop reads what the kernel had buffered (megabytes per
 * connection). Such a connection is closed once it has grown {@link #OVERRUN} past where it was paused
 * (more than the rest of one socket read, which TLS may hand on in several pieces): its frame cannot be
 * completed within the cap, and its client has gone or will resend.
 */
final class FrameHold {
    static final int OVERRUN = 256 << 10;

    private final FrameMemory memory;
    private long held;
    private long pausedAt = -1;

    FrameHold(FrameMemory memory) {
        this.memory = memory;
    }

    /** After a read was decoded: the decoder now holds {@code now} bytes. */
    void nowHolding(ChannelHandlerContext ctx, int now) {
        if (now != held) {
            long before = held;
            held = now;
            boolean wasPaused = pausedAt >= 0 && ReadSwitch.isOff(ctx.channel(), ReadSwitch.MEMORY);
            if (!wasPaused) {
                pausedAt = -1;
            } else if (now - pausedAt > OVERRUN) {
                ctx.close();
            }
            if (memory.update(ctx.channel(), before, now) && !wasPaused) {
                pausedAt = now;
            }
        }
    }

    /** The decoder is gone with its bytes (connection closed, or decoder replaced). */
    void release(ChannelHandlerContext ctx) {
        long before = held;
        held = 0;
        memory.closed(ctx.channel(), before);
    }
}
