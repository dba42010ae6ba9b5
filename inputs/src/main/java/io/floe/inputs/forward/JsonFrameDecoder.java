package io.floe.inputs.forward;

import io.floe.inputs.net.FrameMemory;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.json.JsonObjectDecoder;
import java.time.Duration;
import java.util.List;

/**
 * Frames a JSON connection into top-level arrays and objects, with the same size, time and
 * {@link FrameMemory} bounds as msgpack frames.
 */
final class JsonFrameDecoder extends BoundedFrameDecoder {
    private final Framing json;

    JsonFrameDecoder(int maxFrameBytes, Duration frameTimeout, FrameMemory memory) {
        super(frameTimeout, memory);
        this.json = new Framing(maxFrameBytes);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        json.frames(ctx, in, out);
        // Whitespace between documents is not the start of a frame.
        if (in.forEachByte(b -> b == ' ' || b == '\n' || b == '\r' || b == '\t') >= 0) {
            timer.incomplete(ctx);
        } else {
            timer.complete();
        }
    }

    /**
     * Netty's JSON framing, used for its scan alone: it cuts frames out of the bytes this decoder gathered
     * (its state carries over between calls) and is never in a pipeline itself.
     */
    private static final class Framing extends JsonObjectDecoder {
        Framing(int maxFrameBytes) {
            super(maxFrameBytes);
        }

        void frames(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
            decode(ctx, in, out);
        }
    }
}
