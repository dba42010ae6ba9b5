package io.floe.inputs.forward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over one complete msgpack value held in a byte array: reads the headers and scalars the
 * protocol layer needs, skips everything else, and knows where each value starts and ends, so callers
 * can slice the bytes instead of re-encoding them. Every malformed input ends in a
 * {@link ForwardProtocolException} naming what was expected.
 */
final class MsgpackReader {
    /** The types the protocol distinguishes; ints of every width are one kind. */
    enum Kind { NIL, BOOLEAN, INTEGER, FLOAT, STRING, BINARY, ARRAY, MAP, EXTENSION }

    static final int MAX_DEPTH = 100;

    private final byte[] buf;
    private final int end;
    private final ByteBuf wrapped;
    private final MsgpackScanner scanner;
    private int pos;

    MsgpackReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
        this.wrapped = Unpooled.wrappedBuffer(buf);
        this.scanner = new MsgpackScanner(len, MAX_DEPTH);
    }

    MsgpackReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    byte[] array() {
        return buf;
    }

    int position() {
        return pos;
    }

    void position(int p) {
        pos = p;
    }

    boolean hasNext() {
        return pos < end;
    }

    Kind kind() {
        int b = peek();
        if (b <= 0x7f || b >= 0xe0) {
            return Kind.INTEGER;
        }
        if (b <= 0x8f) {
            return Kind.MAP;
        }
        if (b <= 0x9f) {
            return Kind.ARRAY;
        }
        if (b <= 0xbf) {
            return Kind.STRING;
        }
        return switch (b) {
            case 0xc0 -> Kind.NIL;
            case 0xc2, 0xc3 -> Kind.BOOLEAN;
            case 0xc4, 0xc5, 0xc6 -> Kind.BINARY;
            case 0xc7, 0xc8, 0xc9, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8 -> Kind.EXTENSION;
            case 0xca, 0xcb -> Kind.FLOAT;
            case 0xcc, 0xcd, 0xce, 0xcf, 0xd0, 0xd1, 0xd2, 0xd3 -> Kind.INTEGER;
            case 0xd9, 0xda, 0xdb -> Kind.STRING;
            case 0xdc, 0xdd -> Kind.ARRAY;
            case 0xde, 0xdf -> Kind.MAP;
            default -> throw new ForwardProtocolException(String.format("byte 0x%02x is not valid msgpack", b));
        };
    }

    /** The kind's name as messages show it ("a map", "an integer"). */
    static String describe(Kind k) {
        String n = k.name().toLowerCase(java.util.Locale.ROOT);
        return (n.startsWith("a") || n.startsWith("e") || n.startsWith("i") ? "an " : "a ") + n;
    }

    int readArrayHeader(String what) {
        int b = peek();
        long n;
        if (b >= 0x90 && b <= 0x9f) {
            pos++;
            n = b & 0x0f;
        } else if (b == 0xdc) {
            n = u16(pos + 1);
            pos += 3;
        } else if (b == 0xdd) {
            n = u32(pos + 1);
            pos += 5;
        } else {
            throw wrongType(what, "an array");
        }
        return count(n, what);
    }

    int readMapHeader(String what) {
        int b = peek();
        long n;
        if (b >= 0x80 && b <= 0x8f) {
            pos++;
            n = b & 0x0f;
        } else if (b == 0xde) {
            n = u16(pos + 1);
            pos += 3;
        } else if (b == 0xdf) {
            n = u32(pos + 1);
            pos += 5;
        } else {
            throw wrongType(what, "a map");
        }
        return count(n, what);
    }

    /** Reads a str or bin header and returns the payload length; the cursor is left at the payload. */
    int readRawHeader(String what) {
        int b = peek();
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

    /** A str or bin as text; invalid UTF-8 becomes U+FFFD here, which only tags and option values see. */
    String readString(String what) {
        int n = readRawHeader(what);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** A str or bin as its raw bytes. */
    byte[] readBytes(String what) {
        int n = readRawHeader(what);
        byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /** Any integer format; a uint64 above Long.MAX_VALUE is refused. */
    long readLong(String what) {
        int b = peek();
        long v;
        int size;
        if (b <= 0x7f) {
            v = b;
            size = 1;
        } else if (b >= 0xe0) {
            v = (byte) b;
            size = 1;
        } else {
            switch (b) {
                case 0xcc -> { v = u8(pos + 1); size = 2; }
                case 0xcd -> { v = u16(pos + 1); size = 3; }
                case 0xce -> { v = u32(pos + 1); size = 5; }
                case 0xcf -> { v = s64(pos + 1); size = 9; }
                case 0xd0 -> { v = (byte) u8(pos + 1); size = 2; }
                case 0xd1 -> { v = (short) u16(pos + 1); size = 3; }
                case 0xd2 -> { v = (int) u32(pos + 1); size = 5; }
                case 0xd3 -> { v = s64(pos + 1); size = 9; }
                default -> throw wrongType(what, "an integer");
            }
            if (b == 0xcf && v < 0) {
                throw new ForwardProtocolException(what + " is an integer above 2^63");
            }
        }
        pos += size;
        return v;
    }

    double readDouble(String what) {
        int b = peek();
        if (b == 0xca) {
            need(pos + 5);
            float f = Float.intBitsToFloat((int) u32(pos + 1));
            pos += 5;
            return f;
        }
        if (b == 0xcb) {
            need(pos + 9);
            double d = Double.longBitsToDouble(s64(pos + 1));
            pos += 9;
            return d;
        }
        throw wrongType(what, "a float");
    }

    /** Reads an ext header; returns {type, length} and leaves the cursor at the payload. */
    int[] readExtHeader(String what) {
        int b = peek();
        int type;
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
        type = buf[pos + h - 1];
        pos += h;
        return new int[] {type, (int) n};
    }

    long u32At(int i) {
        return u32(i);
    }

    /** Skips one whole value (bounded in depth and by the end of the buffer). */
    void skip() {
        scanner.reset();
        int n = scanner.scan(wrapped, pos, end);
        if (n == MsgpackScanner.NEED_MORE) {
            throw new ForwardProtocolException("truncated msgpack value");
        }
        pos += n;
    }

    private int peek() {
        if (pos >= end) {
            throw new ForwardProtocolException("truncated msgpack value");
        }
        return buf[pos] & 0xff;
    }

    private int count(long n, String what) {
        // Each element takes at least one byte, so a count beyond the bytes left is a lie.
        if (n > end - pos) {
            throw new ForwardProtocolException(what + " claims " + n + " elements but only " + (end - pos) + " bytes follow");
        }
        return (int) n;
    }

    private ForwardProtocolException wrongType(String what, String expected) {
        return new ForwardProtocolException(what + " is " + describe(kind()) + ", expected " + expected);
    }

    private void need(long upTo) {
        if (upTo > end) {
            throw new ForwardProtocolException("truncated msgpack value");
        }
    }

    private int u8(int i) {
        need(i + 1);
        return buf[i] & 0xff;
    }

    private int u16(int i) {
        need(i + 2);
        return ((buf[i] & 0xff) << 8) | (buf[i + 1] & 0xff);
    }

    private long u32(int i) {
        need(i + 4);
        return ((buf[i] & 0xffL) << 24) | ((buf[i + 1] & 0xffL) << 16) | ((buf[i + 2] & 0xffL) << 8) | (buf[i + 3] & 0xffL);
    }

    private long s64(int i) {
        need(i + 8);
        return (u32(i) << 32) | u32(i + 4);
    }
}
