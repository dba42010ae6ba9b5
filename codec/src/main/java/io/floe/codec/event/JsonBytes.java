package io.floe.codec.event;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON text being written as UTF-8 bytes into a growable array that callers read in place. Strings get JSON's
 * escapes as Fluentd's JSON writers give them (quote, backslash, the short forms of newline, tab, CR, backspace and form feed, other
 * control characters as a six-character u00xx escape in lower-case hex, as Ruby's JSON and Oj write it, so
 * Fluentd's file and stdout lines are matched byte for byte); non-ASCII
 * text stays UTF-8, as Fluentd writes it, and invalid UTF-8 becomes U+FFFD so the output is always valid JSON. Not
 * thread-safe.
 */
public final class JsonBytes {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LONG_MIN = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    /** ASCII bytes a JSON string takes as they are: printable, not a quote or a backslash. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private byte[] buf;
    private int size;

    public JsonBytes(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public void reset() {
        size = 0;
    }

    public int size() {
        return size;
    }

    /** The bytes written are {@code array()[0, size())}; the array changes when it grows. */
    public byte[] array() {
        return buf;
    }

    /** Drops what was written after the first {@code newSize} bytes. */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("cannot truncate " + size + " bytes to " + newSize);
        }
        size = newSize;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }

    /** A structural character: {@code { } [ ] , :} or a quote. */
    public void put(char c) {
        ensure(1);
        buf[size++] = (byte) c;
    }

    /** Bytes that already are JSON. */
    public void raw(byte[] b) {
        raw(b, 0, b.length);
    }

    public void raw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** ASCII text that already is JSON, such as a number Java printed. */
    public void ascii(String s) {
        int len = s.length();
        ensure(len);
        for (int i = 0; i < len; i++) {
            buf[size++] = (byte) s.charAt(i);
        }
    }

    /** A whole number in decimal. */
    public void number(long v) {
        if (v == Long.MIN_VALUE) {
            raw(LONG_MIN);
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[size++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) {
            digits++;
        }
        int end = size + digits;
        for (int i = end - 1; i >= size; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        size = end;
    }

    /** {@code s} as a quoted JSON string. */
    public void string(CharSequence s) {
        int len = s.length();
        ensure(len + 2);
        buf[size++] = '"';
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                // Non-ASCII: encode the rest to UTF-8 (a lone surrogate becomes '?', as Java encodes it).
                byte[] utf8 = s.subSequence(i, len).toString().getBytes(StandardCharsets.UTF_8);
                escaped(utf8, 0, utf8.length);
                break;
            }
            if (PLAIN[c]) {
                ensure(1);
                buf[size++] = (byte) c;
            } else {
                escape(c);
            }
        }
        put('"');
    }

    /** The UTF-8 text {@code src[off, off+len)} as a quoted JSON string. */
    public void string(byte[] src, int off, int len) {
        ensure(len + 2);
        buf[size++] = '"';
        escaped(src, off, len);
        ensure(1);
        buf[size++] = '"';
    }

    /**
     * UTF-8 copied through with JSON's escapes. Invalid UTF-8 is decoded the way reading the msgpack string into a
     * Java String decodes it (each bad sequence one U+FFFD, by the JDK's rule), so the output is the same JSON.
     */
    public void escaped(byte[] src, int off, int len) {
        ensure(len);
        int i = off;
        int stop = off + len;
        while (i < stop) {
            // Copy the run of bytes that need nothing (most of a log line) in one go, looking at 8 bytes at a time.
            int run = plainRun(src, i, stop);
            if (run > i) {
                ensure(run - i);
                System.arraycopy(src, i, buf, size, run - i);
                size += run - i;
                i = run;
                if (i == stop) {
                    break;
                }
            }
            int c = src[i] & 0xff;
            if (c < 0x80) {
                escape(c);
                i++;
                continue;
            }
            int seq = utf8Length(src, i, stop);
            if (seq < 0) {
                // Rare: let the JDK decide where each bad sequence ends; what it returns encodes as valid UTF-8.
                byte[] fixed = new String(src, i, stop - i, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
                escaped(fixed, 0, fixed.length);
                return;
            }
            ensure(seq);
            System.arraycopy(src, i, buf, size, seq);
            size += seq;
            i += seq;
        }
    }

    /** The end of the run of plain bytes from {@code i}: printable ASCII other than a quote or a backslash. */
    private static int plainRun(byte[] src, int i, int stop) {
        while (i + 8 <= stop) {
            long w = (long) LONGS.get(src, i);
            // Any byte with the high bit set, below 0x20, or equal to '"' or '\\' (SWAR tests, exact for "any").
            long special = (w | ((w - ONES * 0x20) & ~w) | zeroByte(w ^ (ONES * '"')) | zeroByte(w ^ (ONES * '\\')))
                    & (ONES * 0x80);
            if (special != 0) {
                return i + (Long.numberOfTrailingZeros(special) >>> 3);
            }
            i += 8;
        }
        while (i < stop && PLAIN[src[i] & 0xff]) {
            i++;
        }
        return i;
    }

    /** The high bit set in some byte where {@code x} has a zero byte (and possibly above it). */
    private static long zeroByte(long x) {
        return (x - ONES) & ~x;
    }

    /** Length of the well-formed UTF-8 sequence starting at {@code i}, or -1. */
    private static int utf8Length(byte[] s, int i, int stop) {
        int c = s[i] & 0xff;
        int need;
        int min;
        if (c >= 0xc2 && c <= 0xdf) {
            need = 1;
            min = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            need = 2;
            min = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            need = 3;
            min = 0x10000;
        } else {
            return -1;
        }
        if (i + need >= stop) {
            return -1;
        }
        int cp = c & (0x3f >> need);
        for (int k = 1; k <= need; k++) {
            int b = s[i + k];
            if ((b & 0xc0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (b & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return -1;
        }
        return need + 1;
    }

    private void escape(int c) {
        ensure(6);
        buf[size++] = '\\';
        switch (c) {
            case '"' -> buf[size++] = '"';
            case '\\' -> buf[size++] = '\\';
            case '\n' -> buf[size++] = 'n';
            case '\r' -> buf[size++] = 'r';
            case '\t' -> buf[size++] = 't';
            case '\b' -> buf[size++] = 'b';
            case '\f' -> buf[size++] = 'f';
            default -> {
                buf[size++] = 'u';
                buf[size++] = '0';
                buf[size++] = '0';
                buf[size++] = HEX[c >> 4];
                buf[size++] = HEX[c & 0xf];
            }
        }
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
