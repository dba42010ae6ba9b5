package io.floe.inputs.net;

import io.netty.channel.ChannelHandlerContext;

/**
 * What one connection's frame decoder holds of unfinished frames, kept in its input's {@link FrameMemory}.
 * A connection paused for memory can still be read: once its peer closes or resets it, the socket is
 * readable whatever was asked, and the event loop would read what the kernel had buffered (megabytes
 * per connection, for every such connection at once). Bytes that arrive after the read that paused it
 * has completed are such a read: they are dropped and the connection closed, as its frame cannot be
 * completed within the cap and its client has gone (or resends what was not acknowledged).
 */
final class FrameHold {
    private final FrameMemory memory;
    private long held;
    private boolean pausedRead;
    private boolean settled;

    FrameHold(FrameMemory memory) {
        this.memory = memory;
    }

    /** After a read was decoded: the decoder now holds {@code now} bytes. */
    void nowHolding(ChannelHandlerContext ctx, int now) {
        if (now != held) {
            long before = held;
            held = now;
            if (memory.update(ctx.channel(), before, now)) {
                pausedRead = true;
            }
        }
    }

    /** The socket read is over (TLS may have handed it on in several pieces). */
    void readComplete(ChannelHandlerContext ctx) {
        settled = pausedRead && ReadSwitch.isOff(ctx.channel(), ReadSwitch.MEMORY);
        pausedRead = false;
    }

    /** Whether bytes arriving now come from a read nobody asked for: the connection is paused for memory. */
    boolean unasked(ChannelHandlerContext ctx) {
        if (settled && !ReadSwitch.isOff(ctx.channel(), ReadSwitch.MEMORY)) {
            settled = false;
        }
        return settled;
    }

    /** The decoder is gone with its bytes (connection closed, or decoder replaced). */
    void release(ChannelHandlerContext ctx) {
        long before = held;
        held = 0;
        memory.closed(ctx.channel(), before);
    }
}
