package io.floe.inputs.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Cuts a TCP stream into lines at a delimiter (in_tcp's {@code delimiter}, syslog's newline) and hands each on as a
 * String, without the delimiter. A line longer than the limit costs only itself: its bytes are dropped as they come,
 * up to the next delimiter, and {@link Oversize} is told once per such line. What a connection holds of an unfinished
 * line counts against the input's {@link FrameMemory}, so many slow senders cannot together exhaust memory.
 */
public final class LineDecoder extends HeldDecoder {
    /** Told of each line that was dropped for its length. */
    @FunctionalInterface
    public interface Oversize {
        void dropped(ChannelHandlerContext ctx, int limit, ByteBuf head);
    }

    private final byte[] delimiter;
    private final int limit;
    private final Oversize oversize;
    private boolean skipping;

    public LineDecoder(byte[] delimiter, int limit, FrameMemory memory, Oversize oversize) {
        super(memory);
        if (delimiter.length == 0) {
            throw new IllegalArgumentException("delimiter must not be empty");
        }
        this.delimiter = delimiter.clone();
        this.limit = limit;
        this.oversize = oversize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int end = indexOf(in);
            if (end < 0) {
                if (!skipping && in.readableBytes() > limit) {
                    skipping = true;
                    oversize.dropped(ctx, limit, in.slice(in.readerIndex(), Math.min(in.readableBytes(), 64)));
                }
                if (skipping) {
                    // Keep what could be the start of a delimiter split across reads.
                    in.skipBytes(Math.max(0, in.readableBytes() - (delimiter.length - 1)));
                }
                return;
            }
            int length = end - in.readerIndex();
            if (skipping) {
                skipping = false;
            } else if (length > limit) {
                oversize.dropped(ctx, limit, in.slice(in.readerIndex(), Math.min(length, 64)));
            } else {
                out.add(in.toString(in.readerIndex(), length, StandardCharsets.UTF_8));
            }
            in.skipBytes(length + delimiter.length);
        }
    }

    /** Where the next delimiter starts, or -1. */
    private int indexOf(ByteBuf in) {
        int from = in.readerIndex();
        int last = in.writerIndex() - delimiter.length;
        while (from <= last) {
            int at = in.indexOf(from, last + 1, delimiter[0]);
            if (at < 0) {
                return -1;
            }
            if (matchesAt(in, at)) {
                return at;
            }
            from = at + 1;
        }
        return -1;
    }

    private boolean matchesAt(ByteBuf in, int at) {
        for (int i = 1; i < delimiter.length; i++) {
            if (in.getByte(at + i) != delimiter[i]) {
                return false;
            }
        }
        return true;
    }
}
