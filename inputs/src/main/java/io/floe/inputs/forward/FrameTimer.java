package io.floe.inputs.forward;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Gives a frame a deadline from its first byte: a client that trickles a message, or stops halfway,
 * has its connection reported and closed when the deadline passes. One timer per connection, armed
 * only while a frame is incomplete.
 */
final class FrameTimer {
    private final long timeoutNanos;
    private ScheduledFuture<?> timer;

    FrameTimer(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** A frame is incomplete; starts its deadline unless one is running. */
    void incomplete(ChannelHandlerContext ctx) {
        if (timer == null) {
            timer = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** No frame is in progress. */
    void complete() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (ctx.channel().isActive()) {
            ctx.fireExceptionCaught(new ForwardProtocolException("message incomplete after "
                    + Duration.ofNanos(timeoutNanos).toMillis() / 1000.0 + "s"));
            ctx.close();
        }
    }
}
