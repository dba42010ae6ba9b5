package io.floe.inputs.syslog;

import io.floe.inputs.net.FrameMemory;
import io.floe.inputs.net.HeldDecoder;
import io.floe.inputs.net.LineDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 6587 octet counting ({@code frame_type octet_count}): each message is {@code LENGTH SP MESSAGE}. A message longer
 * than the limit costs only itself (its bytes are skipped as they come); a length that is not a number ends the
 * connection, as the stream cannot be cut any more. Whitespace between frames (a newline some senders add) is skipped,
 * as Ruby's {@code Integer()} does.
 */
final class OctetCountDecoder extends HeldDecoder {
    /** The most digits a length may have. */
    private static final int MAX_DIGITS = 10;

    private final int limit;
    private final LineDecoder.Oversize oversize;
    private long skipping;

    OctetCountDecoder(int limit, FrameMemory memory, LineDecoder.Oversize oversize) {
        super(memory);
        this.limit = limit;
        this.oversize = oversize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (skipping > 0) {
                int n = (int) Math.min(skipping, in.readableBytes());
                in.skipBytes(n);
                skipping -= n;
                continue;
            }
            byte first = in.getByte(in.readerIndex());
            if (first == '\n' || first == '\r' || first == '\t' || first == ' ') {
                in.skipBytes(1);
                continue;
            }
            int space = in.indexOf(in.readerIndex(), Math.min(in.writerIndex(), in.readerIndex() + MAX_DIGITS + 1), (byte) ' ');
            if (space < 0) {
                if (in.readableBytes() > MAX_DIGITS) {
                    throw new CorruptedFrameException("octet count expected, got " + head(in, in.readerIndex(), 16));
                }
                return;
            }
            long length = 0;
            for (int i = in.readerIndex(); i < space; i++) {
                byte b = in.getByte(i);
                if (b < '0' || b > '9') {
                    throw new CorruptedFrameException("octet count expected, got " + head(in, in.readerIndex(), 16));
                }
                length = length * 10 + (b - '0');
            }
            int start = space + 1;
            if (length > limit) {
                oversize.dropped(ctx, limit, in.slice(start, Math.min(in.writerIndex() - start, 64)));
                in.readerIndex(start);
                skipping = length;
                continue;
            }
            if (in.writerIndex() - start < length) {
                return;
            }
            out.add(in.toString(start, (int) length, StandardCharsets.UTF_8));
            in.readerIndex(start + (int) length);
        }
    }

    private static String head(ByteBuf in, int from, int max) {
        return io.floe.codec.text.RubyText.forLog(in.toString(from, Math.min(max, in.writerIndex() - from), StandardCharsets.UTF_8));
    }
}
