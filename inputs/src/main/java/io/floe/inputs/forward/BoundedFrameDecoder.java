package io.floe.inputs.forward;

import io.floe.inputs.net.FrameHold;
import io.floe.inputs.net.FrameMemory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;

/**
 * What every frame decoder of a forward connection shares, whatever its framing (msgpack or JSON): a frame
 * still incomplete {@code frameTimeout} after its first byte closes the connection ({@link FrameTimer}), what
 * it holds of an unfinished frame counts against the input's {@link FrameMemory} ({@link FrameHold}), and a
 * frame that spans reads is gathered by the {@link FrameCumulator}. Subclasses cut frames in {@code decode}
 * and tell the timer whether one is in progress.
 */
abstract class BoundedFrameDecoder extends ByteToMessageDecoder {
    protected final FrameTimer timer;
    private final FrameHold hold;

    BoundedFrameDecoder(Duration frameTimeout, FrameMemory memory) {
        this.timer = new FrameTimer(frameTimeout);
        this.hold = new FrameHold(memory);
        setCumulator(FrameCumulator.INSTANCE);
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (hold.unasked(ctx)) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        try {
            super.channelRead(ctx, msg);
        } finally {
            hold.nowHolding(ctx, actualReadableBytes());
        }
    }

    @Override
    public final void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        hold.readComplete(ctx);
        super.channelReadComplete(ctx);
    }

    @Override
    protected final void handlerRemoved0(ChannelHandlerContext ctx) {
        timer.complete();
        hold.release(ctx);
    }
}
