package io.floe.outputs.forward;

import io.floe.codec.msgpack.MsgpackBytes;
import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.msgpack.MsgpackException;
import io.floe.codec.msgpack.MsgpackScanner;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;

/**
 * Cuts what a forward server sends back (HELO, PONG, {@code {"ack": id}}) into whole msgpack objects, each
 * passed on as a {@code byte[]}. Server messages are small; one larger than {@link #MAX_FRAME} is refused.
 * Finds a message's end with {@link MsgpackScanner}, in place and resuming where the last bytes stopped.
 */
final class ResponseFrameDecoder extends ByteToMessageDecoder {
    static final int MAX_FRAME = 64 * 1024;

    /** Any nesting, as the messages' readers do not recurse: the scan's memory grows only with levels met, a byte each. */
    private final MsgpackScanner scanner = new MsgpackScanner(MAX_FRAME, MsgpackCursor.ANY_DEPTH);
    private final MsgpackBytes.OfByteBuf received = new MsgpackBytes.OfByteBuf();

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int length;
            try {
                length = scanner.scan(received.of(in), in.readerIndex(), in.writerIndex());
            } catch (MsgpackException e) {
                scanner.reset(); // the connection is closed for it; were it read again, it fails again
                throw new CorruptedFrameException("forward server sent a bad message: " + e.getMessage(), e);
            } finally {
                received.of(null);
            }
            if (length == MsgpackScanner.NEED_MORE) {
                return;
            }
            byte[] frame = new byte[length];
            in.readBytes(frame);
            out.add(frame);
            scanner.reset();
        }
    }
}
