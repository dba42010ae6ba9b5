package io.floe.inputs.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * A decoder whose unfinished frame or line counts against its input's {@link FrameMemory} ({@link FrameHold}): what it
 * holds after each read is reported, released when it goes, and bytes a connection paused for memory was not asked for
 * close it. Subclasses cut messages in {@code decode}.
 */
public abstract class HeldDecoder extends ByteToMessageDecoder {
    private final FrameHold hold;

    protected HeldDecoder(FrameMemory memory) {
        this.hold = new FrameHold(memory);
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
        removed();
        hold.release(ctx);
    }

    /** The decoder leaves the pipeline (the connection closed, or the decoder was replaced). */
    protected void removed() {
    }
}
