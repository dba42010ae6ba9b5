package io.floe.inputs.forward;

import io.floe.codec.msgpack.MsgpackBytes;
import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.msgpack.MsgpackException;
import io.floe.codec.msgpack.MsgpackScanner;
import io.floe.inputs.net.FrameMemory;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.List;

/**
 * Cuts the byte stream of a forward connection into frames, one complete msgpack value each, handed on
 * as retained slices of the received bytes. Finds the end of a value with {@link MsgpackScanner}, reading the
 * received bytes in place, so no objects are built here.
 * <p>Bounded in size and time: a frame longer than {@code maxFrameBytes} ({@code chunk_size_limit}, or
 * the internal cap) and a frame still incomplete {@code frameTimeout} after its first byte arrived (a
 * client trickling bytes, or stalled halfway) both close the connection, as does a byte that is not
 * msgpack. What follows a bad byte is discarded: there is no resynchronising inside a msgpack stream.
 * What it holds of an unfinished frame counts against the input's {@link FrameMemory}, checked once per
 * read, which pauses the connection past the input's cap ({@link BoundedFrameDecoder}).
 * <pre>
 * [SslHandler] → ForwardFrameDecoder → [ForwardHandshakeHandler] → ForwardMessageDecoder → ...
 * </pre>
 */
public final class ForwardFrameDecoder extends BoundedFrameDecoder {
    private final MsgpackScanner scanner;
    private final MsgpackBytes.OfByteBuf received = new MsgpackBytes.OfByteBuf();
    private boolean failed;

    public ForwardFrameDecoder(int maxFrameBytes, Duration frameTimeout) {
        this(maxFrameBytes, frameTimeout, FrameMemory.unbounded());
    }

    ForwardFrameDecoder(int maxFrameBytes, Duration frameTimeout, FrameMemory memory) {
        super(frameTimeout, memory);
        this.scanner = new MsgpackScanner(maxFrameBytes, MsgpackCursor.DEFAULT_MAX_DEPTH);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int length;
        try {
            length = scanner.scan(received.of(in), in.readerIndex(), in.writerIndex());
        } catch (MsgpackException e) {
            failed = true;
            timer.complete();
            in.skipBytes(in.readableBytes());
            ctx.close();
            throw new ForwardProtocolException(e.getMessage(), e);
        } finally {
            received.of(null);
        }
        if (length == MsgpackScanner.NEED_MORE) {
            timer.incomplete(ctx);
            return;
        }
        out.add(in.readRetainedSlice(length));
        scanner.reset();
        timer.complete();
    }
}
