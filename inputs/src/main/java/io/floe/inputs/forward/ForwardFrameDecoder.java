package io.floe.inputs.forward;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.List;

/**
 * Cuts the byte stream of a forward connection into frames, one complete msgpack value each, handed on
 * as retained slices of the received bytes. Finds the end of a value with {@link MsgpackScanner}, so no
 * objects are built here.
 * <p>Bounded in size and time: a frame longer than {@code maxFrameBytes} ({@code chunk_size_limit}, or
 * the internal cap) and a frame still incomplete {@code frameTimeout} after its first byte arrived (a
 * client trickling bytes, or stalled halfway) both close the connection, as does a byte that is not
 * msgpack. What follows a bad byte is discarded: there is no resynchronising inside a msgpack stream.
 * What it holds of an unfinished frame counts against the input's {@link FrameMemory}, checked once per
 * read, which pauses the connection past the input's cap.
 * <pre>
 * [SslHandler] → ForwardFrameDecoder → [ForwardHandshakeHandler] → ForwardMessageDecoder → ...
 * </pre>
 */
public final class ForwardFrameDecoder extends ByteToMessageDecoder {
    private final MsgpackScanner scanner;
    private final FrameTimer timer;
    private final FrameHold hold;
    private boolean failed;

    public ForwardFrameDecoder(int maxFrameBytes, Duration frameTimeout) {
        this(maxFrameBytes, frameTimeout, FrameMemory.unbounded());
    }

    ForwardFrameDecoder(int maxFrameBytes, Duration frameTimeout, FrameMemory memory) {
        this.scanner = new MsgpackScanner(maxFrameBytes, MsgpackReader.MAX_DEPTH);
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
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int length;
        try {
            length = scanner.scan(in, in.readerIndex(), in.writerIndex());
        } catch (ForwardProtocolException e) {
            failed = true;
            timer.complete();
            in.skipBytes(in.readableBytes());
            ctx.close();
            throw e;
        }
        if (length == MsgpackScanner.NEED_MORE) {
            timer.incomplete(ctx);
            return;
        }
        out.add(in.readRetainedSlice(length));
        scanner.reset();
        timer.complete();
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        timer.complete();
        hold.release(ctx);
    }
}
