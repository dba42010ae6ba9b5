package io.floe.inputs.forward;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.json.JsonObjectDecoder;
import java.time.Duration;
import java.util.List;

/** Frames a JSON connection into top-level arrays and objects, with the same size and time bounds as msgpack frames. */
final class JsonFrameDecoder extends JsonObjectDecoder {
    private final FrameTimer timer;

    JsonFrameDecoder(int maxFrameBytes, Duration frameTimeout) {
        super(maxFrameBytes);
        this.timer = new FrameTimer(frameTimeout);
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
    }
}
