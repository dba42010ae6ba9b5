package io.floe.codec.msgpack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A cursor over msgpack held in a byte array: reads the next value's type, headers and scalars, skips whole
 * values, and knows where each value starts and ends, so callers slice the bytes ({@link #position} before and
 * after) instead of re-encoding them. Floe's one msgpack reader: the forward input's decoders, the event stream's
 * walk, the record decoder, the JSON transcoder, the Ruby printing of the formatters and the forward handshake all
 * read with it; msgpack-java stays for writing.
 * <p>Bounds-checked against hostile input: every length is checked against the bytes that are there before
 * anything is read or allocated by it, a count of elements beyond the bytes left is refused at once, and
 * {@link #skip} is iterative with a nesting limit. Whatever is wrong ends in a {@link MsgpackException} naming
 * what was expected; never an index out of bounds. One cursor is reused by pointing it at new bytes
 * ({@link #reset}); not thread-safe.
 */
public final class MsgpackCursor {
    /** Nesting deeper than any record a log carries, shallow enough that recursive readers keep their stack. */
    public static final int DEFAULT_MAX_DEPTH = 100;
    /**
     * For bytes that were bounded when they came in (records in an event stream): any nesting is walked, and
     * the walk's memory grows only with the levels met, each of which cost the input a byte.
     */
    public static final int ANY_DEPTH = Integer.MAX_VALUE - 1;
    private static final byte[] NO_BYTES = new byte[0];

    private final int maxDepth;
    /** The scanner of {@link #skip} and its view of the bytes, made at the first skip (many cursors never skip). */
    private MsgpackScanner skipper;
    private MsgpackBytes.OfArray bytes;
    private byte[] buf;
    private int start;
    private int pos;
    private int end;
    private int extType;

    /** A cursor on {@code buf[off, off+len)}, skipping values nested at most {@link #DEFAULT_MAX_DEPTH} levels. */
    public MsgpackCursor(byte[] buf, int off, int len) {
        this(DEFAULT_MAX_DEPTH);
        reset(buf, off, len);
    }

    public MsgpackCursor(byte[] buf) {
        this(buf, 0, buf.length);
    }

    /** A cursor with no bytes yet ({@link #reset} gives them) that skips values nested at most {@code maxDepth} levels. */
    public MsgpackCursor(int maxDepth) {
        this.maxDepth = maxDepth;
        reset(NO_BYTES, 0, 0);
    }

    /** Points the cursor at {@code buf[off, off+len)}; a window outside the array is the caller's bug, not bad input. */
    public MsgpackCursor reset(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IndexOutOfBoundsException("[" + off + ", " + off + "+" + len + ") of " + buf.length + " bytes");
        }
        this.buf = buf;
        this.start = off;
        this.pos = off;
        this.end = off + len;
        return this;
    }

    /** The array the cursor reads. */
    public byte[] array() {
        return buf;
    }

    /** Where the cursor is in {@link #array}. */
    public int position() {
        return pos;
    }

    /** Moves the cursor to a position in its bytes: one it was at, or past a payload it read the header of. */
    public void position(int p) {
        if (p < start || p > end) {
            throw new MsgpackException("truncated msgpack value");
        }
        pos = p;
    }

    /** Where the cursor's bytes end in {@link #array}. */
    public int limit() {
        return end;
    }

    public boolean hasNext() {
        return pos < end;
    }

    /** The first byte of the value at the cursor, 0..255; reads nothing. */
    public int format() {
        if (pos >= end) {
            throw truncated();
        }
        return buf[pos] & 0xff;
    }

    /** The kind of the value at the cursor; reads nothing. */
    public MsgpackType type() {
        int b = format();
        MsgpackType t = MsgpackType.of(b);
        if (t == null) {
            throw new MsgpackException(String.format("byte 0x%02x is not valid msgpack", b));
        }
        return t;
    }

    public void readNil(String what) {
        if (format() != 0xc0) {
            throw wrongType(what, "nil");
        }
        pos++;
    }

    public boolean readBoolean(String what) {
        int b = format();
        if (b != 0xc2 && b != 0xc3) {
            throw wrongType(what, "a boolean");
        }
        pos++;
        return b == 0xc3;
    }

    /** Any integer format; a uint64 above Long.MAX_VALUE is refused. */
    public long readLong(String what) {
        boolean unsigned64 = format() == 0xcf;
        long v = readIntegerBits(what);
        if (unsigned64 && v < 0) {
            pos -= 9;
            throw new MsgpackException(what + " is an integer above 2^63");
        }
        return v;
    }

    /**
     * Whether the value at the cursor is a uint64 above Long.MAX_VALUE: one {@link #readLong} refuses and
     * {@link #readIntegerBits} gives as a negative long, which a caller prints or decodes unsigned. Reads nothing.
     */
    public boolean atUint64AboveLongMax() {
        return format() == 0xcf && pos + 1 < end && buf[pos + 1] < 0;
    }

    /** Any integer format as its 64 bits: a uint64 above Long.MAX_VALUE comes out negative, as Java's unsigned long. */
    public long readIntegerBits(String what) {
        int b = format();
        if (b <= 0x7f) {
            pos++;
            return b;
        }
        if (b >= 0xe0) {
            pos++;
            return (byte) b;
        }
        long v;
        int size;
        switch (b) {
            case 0xcc -> { v = u8(pos + 1); size = 2; }
            case 0xcd -> { v = u16(pos + 1); size = 3; }
            case 0xce -> { v = u32(pos + 1); size = 5; }
            case 0xcf, 0xd3 -> { v = s64(pos + 1); size = 9; }
            case 0xd0 -> { v = (byte) u8(pos + 1); size = 2; }
            case 0xd1 -> { v = (short) u16(pos + 1); size = 3; }
            case 0xd2 -> { v = (int) u32(pos + 1); size = 5; }
            default -> throw wrongType(what, "an integer");
        }
        pos += size;
        return v;
    }

    /** A float32 (widened) or float64. */
    public double readDouble(String what) {
        int b = format();
        if (b == 0xca) {
            float f = Float.intBitsToFloat((int) u32(pos + 1));
            pos += 5;
            return f;
        }
        if (b == 0xcb) {
            double d = Double.longBitsToDouble(s64(pos + 1));
            pos += 9;
            return d;
        }
        throw wrongType(what, "a float");
    }

    public int readArrayHeader(String what) {
        return readCountHeader(0x90, 0xdc, what, "an array");
    }

    /** Reads a map's header and returns its number of key/value pairs. */
    public int readMapHeader(String what) {
        return readCountHeader(0x80, 0xde, what, "a map");
    }

    /** An array's or map's header: fix format {@code fix..fix+15}, then the 16- and 32-bit formats {@code f16, f16+1}. */
    private int readCountHeader(int fix, int f16, String what, String expected) {
        int b = format();
        long n;
        if ((b & 0xf0) == fix) {
            pos++;
            n = b & 0x0f;
        } else if (b == f16) {
            n = u16(pos + 1);
            pos += 3;
        } else if (b == f16 + 1) {
            n = u32(pos + 1);
            pos += 5;
        } else {
            throw wrongType(what, expected);
        }
        return count(n, what);
    }

    /**
     * Reads a str or bin header and returns the payload's length, checked to be there; the cursor is left at
     * the payload, which the caller reads from {@link #array} at {@link #position} and steps over.
     */
    public int readRawHeader(String what) {
        int b = format();
        long n;
        int h;
        if (b >= 0xa0 && b <= 0xbf) {
            n = b & 0x1f;
            h = 1;
        } else if (b == 0xd9 || b == 0xc4) {
            n = u8(pos + 1);
            h = 2;
        } else if (b == 0xda || b == 0xc5) {
            n = u16(pos + 1);
            h = 3;
        } else if (b == 0xdb || b == 0xc6) {
            n = u32(pos + 1);
            h = 5;
        } else {
            throw wrongType(what, "a string");
        }
        need(pos + h + n);
        pos += h;
        return (int) n;
    }

    /**
     * The header's length of a str (not bin) whose first byte is {@code formatByte}, or -1 for any other value:
     * for a caller that knows a string value's whole length and wants its payload without a cursor.
     */
    public static int stringHeaderLength(byte formatByte) {
        int b = formatByte & 0xff;
        if (b >= 0xa0 && b <= 0xbf) {
            return 1;
        }
        return switch (b) {
            case 0xd9 -> 2;
            case 0xda -> 3;
            case 0xdb -> 5;
            default -> -1;
        };
    }

    /** A str or bin as text; each invalid UTF-8 sequence becomes U+FFFD. */
    public String readString(String what) {
        int n = readRawHeader(what);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** A str or bin as a copy of its bytes. */
    public byte[] readBytes(String what) {
        int n = readRawHeader(what);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /**
     * Reads an ext header and returns the payload's length, checked to be there; its type is then
     * {@link #extType}. The cursor is left at the payload.
     */
    public int readExtHeader(String what) {
        int b = format();
        long n;
        int h;
        switch (b) {
            case 0xd4 -> { n = 1; h = 2; }
            case 0xd5 -> { n = 2; h = 2; }
            case 0xd6 -> { n = 4; h = 2; }
            case 0xd7 -> { n = 8; h = 2; }
            case 0xd8 -> { n = 16; h = 2; }
            case 0xc7 -> { n = u8(pos + 1); h = 3; }
            case 0xc8 -> { n = u16(pos + 1); h = 4; }
            case 0xc9 -> { n = u32(pos + 1); h = 6; }
            default -> throw wrongType(what, "an extension");
        }
        need(pos + h + n);
        extType = buf[pos + h - 1];
        pos += h;
        return (int) n;
    }

    /** The type of the extension whose header was read last (0 is Fluentd's EventTime). */
    public int extType() {
        return extType;
    }

    /** The unsigned 32-bit big-endian number at {@code i} of the cursor's bytes (an EventTime's halves). */
    public long uint32At(int i) {
        if (i < start) {
            throw truncated();
        }
        return u32(i);
    }

    /**
     * Steps over one whole value, iteratively, refusing nesting deeper than the cursor's limit and any value
     * that runs past the end; returns its length, the value being {@code array()[position() - length, position())}.
     */
    public int skip() {
        if (skipper == null) {
            // Bounded by the bytes that are there: a value claiming more is found truncated at their end.
            skipper = MsgpackScanner.within(Integer.MAX_VALUE, maxDepth);
            bytes = new MsgpackBytes.OfArray();
        } else {
            skipper.reset();
        }
        bytes.array = buf;
        int n = skipper.scan(bytes, pos, end);
        if (n == MsgpackScanner.NEED_MORE) {
            throw truncated();
        }
        pos += n;
        return n;
    }

    /** Skips {@code n} whole values. */
    public void skip(int n) {
        for (int i = 0; i < n; i++) {
            skip();
        }
    }

    private int count(long n, String what) {
        // Each element takes at least one byte, so a count beyond the bytes left is a lie.
        if (n > end - pos) {
            throw new MsgpackException(what + " claims " + n + " elements but only " + (end - pos) + " bytes follow");
        }
        return (int) n;
    }

    private MsgpackException wrongType(String what, String expected) {
        return new MsgpackException(what + " is " + type().described() + ", expected " + expected);
    }

    private static MsgpackException truncated() {
        return new MsgpackException("truncated msgpack value");
    }

    private void need(long upTo) {
        if (upTo > end) {
            throw truncated();
        }
    }

    private int u8(int i) {
        need(i + 1L);
        return buf[i] & 0xff;
    }

    private int u16(int i) {
        need(i + 2L);
        return ((buf[i] & 0xff) << 8) | (buf[i + 1] & 0xff);
    }

    private long u32(int i) {
        need(i + 4L);
        return ((buf[i] & 0xffL) << 24) | ((buf[i + 1] & 0xffL) << 16) | ((buf[i + 2] & 0xffL) << 8) | (buf[i + 3] & 0xffL);
    }

    private long s64(int i) {
        need(i + 8L);
        return (u32(i) << 32) | u32(i + 4);
    }
}
