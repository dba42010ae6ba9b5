package io.floe.inputs.forward;

import io.floe.inputs.net.ReadSwitch;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a client that does not read its acks from growing the server's outbound buffer without end:
 * once the buffer passes the channel's high-water mark, reading stops (the client's own sends back up);
 * if it is still above the mark after {@code timeout}, the connection is reported and closed.
 */
public final class ForwardWritabilityHandler extends ChannelInboundHandlerAdapter {
    private final long timeoutNanos;
    private ScheduledFuture<?> timer;

    public ForwardWritabilityHandler(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            ReadSwitch.off(ctx.channel(), ReadSwitch.UNWRITABLE);
            if (timer == null) {
                timer = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
            }
        } else {
            ReadSwitch.on(ctx.channel(), ReadSwitch.UNWRITABLE);
            cancel();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (ctx.channel().isActive() && !ctx.channel().isWritable()) {
            ctx.fireExceptionCaught(new ForwardProtocolException("client does not read its acks: "
                    + ctx.channel().unsafe().outboundBuffer().totalPendingWriteBytes() + " bytes unsent for "
                    + Duration.ofNanos(timeoutNanos).toSeconds() + "s"));
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }
}
