package io.floe.inputs.forward;

import io.floe.inputs.net.FrameMemory;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.time.Duration;
import java.util.List;

/**
 * Tells msgpack from JSON by a connection's first byte, as in_forward does: {@code {} or {@code [}
 * starts JSON (never a valid start of a msgpack message, which is an array or nil); anything else is
 * msgpack. Puts the matching framing in its place and leaves; the bytes it saw go on to the new decoder.
 */
public final class ForwardProtocolSniffer extends ByteToMessageDecoder {
    private final int maxFrameBytes;
    private final Duration frameTimeout;
    private final FrameMemory memory;

    public ForwardProtocolSniffer(int maxFrameBytes, Duration frameTimeout) {
        this(maxFrameBytes, frameTimeout, FrameMemory.unbounded());
    }

    ForwardProtocolSniffer(int maxFrameBytes, Duration frameTimeout, FrameMemory memory) {
        this.maxFrameBytes = maxFrameBytes;
        this.frameTimeout = frameTimeout;
        this.memory = memory;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        byte first = in.getByte(in.readerIndex());
        ChannelPipeline p = ctx.pipeline();
        if (first == '{' || first == '[') {
            p.addAfter(ctx.name(), "json-frames", new JsonFrameDecoder(maxFrameBytes, frameTimeout, memory));
            p.addAfter("json-frames", "json", new JsonToMsgpackDecoder());
            p.addAfter("json", "json-replies", new MsgpackToJsonEncoder());
        } else {
            p.addAfter(ctx.name(), "frames", new ForwardFrameDecoder(maxFrameBytes, frameTimeout, memory));
        }
        p.remove(this);
    }
}
