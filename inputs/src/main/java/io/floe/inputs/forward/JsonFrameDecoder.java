package io.floe.inputs.forward;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.json.JsonObjectDecoder;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.List;

/**
 * Frames a JSON connection into top-level arrays and objects, with the same size, time and
 * {@link FrameMemory} bounds as msgpack frames.
 */
final class JsonFrameDecoder extends JsonObjectDecoder {
    private final FrameTimer timer;
    private final FrameHold hold;

    JsonFrameDecoder(int maxFrameBytes, Duration frameTimeout, FrameMemory memory) {
        super(maxFrameBytes);
        this.timer = new FrameTimer(frameTimeout);
        this.hold = new FrameHold(memory);
        setCumulator(FrameCumulator.INSTANCE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
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
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        hold.readComplete(ctx);
        super.channelReadComplete(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decode(ctx, in, out);
        // Whitespace between documents is not the start of a frame.
        if (in.forEachByte(b -> b == ' ' || b == '\n' || b == '\r' || b == '\t') >= 0) {
            timer.incomplete(ctx);
        } else {
            timer.complete();
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        timer.complete();
        hold.release(ctx);
    }
}
