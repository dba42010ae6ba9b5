package io.floe.outputs.forward;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.io.IOException;
import java.util.List;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * Cuts what a forward server sends back (HELO, PONG, {@code {"ack": id}}) into whole msgpack objects, each
 * passed on as a {@code byte[]}. Server messages are small; one larger than {@link #MAX_FRAME} is refused.
 */
final class ResponseFrameDecoder extends ByteToMessageDecoder {
    static final int MAX_FRAME = 64 * 1024;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws IOException {
        while (in.isReadable()) {
            int available = Math.min(in.readableBytes(), MAX_FRAME);
            int length;
            try (MessageUnpacker u = MessagePack.newDefaultUnpacker(in.nioBuffer(in.readerIndex(), available))) {
                u.skipValue();
                length = (int) u.getTotalReadBytes();
            } catch (MessageInsufficientBufferException e) {
                if (available == MAX_FRAME) {
                    throw new CorruptedFrameException("forward server sent a message over " + MAX_FRAME + " bytes");
                }
                return;
            }
            byte[] frame = new byte[length];
            in.readBytes(frame);
            out.add(frame);
        }
    }
}
