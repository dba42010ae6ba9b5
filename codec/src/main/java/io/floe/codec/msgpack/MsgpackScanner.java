package io.floe.codec.msgpack;

import java.util.Arrays;

/**
 * Finds where one msgpack value ends without building it. Resumable: when the bytes stop in the middle
 * of a value, {@link #scan} answers {@link #NEED_MORE} and the next call continues where this one
 * stopped, so a frame trickling in byte by byte is read once, not once per arrival. Iterative, with a
 * nesting limit, so hostile input cannot exhaust the stack here or in whoever decodes the value later.
 * <p>Bounded up front: every value still owed (an array of a billion elements owes a billion) needs at
 * least one byte, so a header that promises more than {@code maxLength} bytes fails at once instead of
 * after the memory has been spent.
 * <p>The forward input finds its frames with it; {@link MsgpackCursor#skip} skips with it, so there is one
 * walk over msgpack that knows every format's size.
 */
public final class MsgpackScanner {
    public static final int NEED_MORE = -1;

    private final long maxLength;
    private final String tooLong;
    private final int maxDepth;
    /** Values still owed at each open level; grows with the nesting met, each level having cost a byte. */
    private long[] owed;
    private long offset;
    private int depth;
    private long owedTotal;

    /** A scanner for messages of at most {@code maxLength} bytes nesting at most {@code maxDepth} levels. */
    public MsgpackScanner(long maxLength, int maxDepth) {
        this(maxLength, maxDepth, "message is larger than the limit of " + maxLength + " bytes");
    }

    private MsgpackScanner(long maxLength, int maxDepth, String tooLong) {
        this.maxLength = maxLength;
        this.tooLong = tooLong;
        this.maxDepth = maxDepth;
        this.owed = new long[Math.min(maxDepth, 15) + 1];
        reset();
    }

    /** A scanner of values inside {@code length} bytes already there: a value running past them is truncated. */
    static MsgpackScanner within(long length, int maxDepth) {
        return new MsgpackScanner(length, maxDepth, "truncated msgpack value");
    }

    /** Forgets the value in progress; the next scan starts a new one. */
    public void reset() {
        offset = 0;
        depth = 0;
        owed[0] = 1;
        owedTotal = 1;
    }

    /**
     * Scans {@code buf[start, end)}, where {@code start} is where the value begins (the same on every
     * call for one value). Returns the value's length once complete, else {@link #NEED_MORE}.
     *
     * @throws MsgpackException on a byte that is never valid msgpack, nesting deeper than the
     *     limit, or a value longer than {@code maxLength}
     */
    public int scan(MsgpackBytes buf, int start, int end) {
        while (true) {
            long at = start + offset;
            if (at >= end) {
                return NEED_MORE;
            }
            int i = (int) at;
            int avail = end - i;
            int b = buf.getUnsignedByte(i);
            long size;
            long children = 0;
            if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 || b == 0xc3) {
                size = 1;
            } else if (b <= 0x8f) {
                size = 1;
                children = 2L * (b & 0x0f);
            } else if (b <= 0x9f) {
                size = 1;
                children = b & 0x0f;
            } else if (b <= 0xbf) {
                size = 1 + (b & 0x1f);
            } else {
                int header = headerBytes(b);
                if (avail < header) {
                    return NEED_MORE;
                }
                switch (b) {
                    case 0xc4, 0xd9 -> size = 2 + buf.getUnsignedByte(i + 1);
                    case 0xc5, 0xda -> size = 3 + buf.getUnsignedShort(i + 1);
                    case 0xc6, 0xdb -> size = 5 + buf.getUnsignedInt(i + 1);
                    case 0xc7 -> size = 3 + buf.getUnsignedByte(i + 1);
                    case 0xc8 -> size = 4 + buf.getUnsignedShort(i + 1);
                    case 0xc9 -> size = 6 + buf.getUnsignedInt(i + 1);
                    case 0xdc -> {
                        size = 3;
                        children = buf.getUnsignedShort(i + 1);
                    }
                    case 0xdd -> {
                        size = 5;
                        children = buf.getUnsignedInt(i + 1);
                    }
                    case 0xde -> {
                        size = 3;
                        children = 2L * buf.getUnsignedShort(i + 1);
                    }
                    case 0xdf -> {
                        size = 5;
                        children = 2L * buf.getUnsignedInt(i + 1);
                    }
                    default -> size = header; // fixed-size scalars: the "header" is the whole value
                }
            }
            long stillOwed = owedTotal - 1 + children;
            if (offset + size + stillOwed > maxLength) {
                throw new MsgpackException(tooLong);
            }
            if (size > avail) {
                return NEED_MORE;
            }
            offset += size;
            owedTotal = stillOwed;
            owed[depth]--;
            if (children > 0) {
                if (depth + 1 > maxDepth) {
                    throw new MsgpackException("message nests deeper than " + maxDepth + " levels");
                }
                if (depth + 1 == owed.length) {
                    owed = Arrays.copyOf(owed, (int) Math.min(maxDepth + 1L, 2L * owed.length));
                }
                owed[++depth] = children;
            }
            while (owed[depth] == 0) {
                if (depth == 0) {
                    return (int) offset;
                }
                depth--;
            }
        }
    }

    /** Bytes needed to know a value's size, or the whole size of a fixed-size value; by its first byte (0xc0..0xdf). */
    private static int headerBytes(int b) {
        return switch (b) {
            case 0xc4, 0xd9, 0xcc, 0xd0 -> 2;
            case 0xc5, 0xda, 0xdc, 0xde, 0xc7, 0xcd, 0xd1, 0xd4 -> 3;
            case 0xc8, 0xd5 -> 4;
            case 0xc6, 0xdb, 0xdd, 0xdf, 0xca, 0xce, 0xd2 -> 5;
            case 0xc9, 0xd6 -> 6;
            case 0xcb, 0xcf, 0xd3 -> 9;
            case 0xd7 -> 10;
            case 0xd8 -> 18;
            default -> throw new MsgpackException(String.format("byte 0x%02x is not valid msgpack", b));
        };
    }
}
