package io.floe.api.event;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes one msgpack value as compact JSON straight from its bytes: strings are copied as UTF-8 with
 * JSON's escapes, numbers printed from their bytes, and no Java String, map or parser object is made
 * per value. The output matches {@link MsgpackJson}'s (Jackson's) byte for byte, including U+FFFD for
 * invalid UTF-8. One transcoder per thread; {@link #write} may be called any number of times.
 */
public final class JsonTranscoder {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};
    /** ASCII bytes a JSON string takes as they are: printable, not a quote or a backslash. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private byte[] out = new byte[256];
    private int n;
    private byte[] in;
    private int pos;
    private int end;

    /** Writes the value at {@code buf[off, off+len)} to {@code sink}. */
    public void write(byte[] buf, int off, int len, OutputStream sink) throws IOException {
        in = buf;
        pos = off;
        end = off + len;
        n = 0;
        ensure(len + 16);
        value(0);
        sink.write(out, 0, n);
    }

    /** The value as a JSON string (for tests and logs). */
    public String toJson(byte[] buf, int off, int len) throws IOException {
        var bo = new java.io.ByteArrayOutputStream(len + 16);
        write(buf, off, len, bo);
        return bo.toString(StandardCharsets.UTF_8);
    }

    private void value(int depth) throws IOException {
        if (depth > 512) {
            throw new IOException("msgpack value nested deeper than 512 levels");
        }
        int b = u8();
        if (b <= 0x7f) {
            number(b);
        } else if (b <= 0x8f) {
            map(b & 0x0f, depth);
        } else if (b <= 0x9f) {
            array(b & 0x0f, depth);
        } else if (b <= 0xbf) {
            string(b & 0x1f);
        } else if (b >= 0xe0) {
            number((byte) b);
        } else {
            switch (b) {
                case 0xc0 -> raw("null");
                case 0xc2 -> raw("false");
                case 0xc3 -> raw("true");
                case 0xc4, 0xd9 -> string(u8());
                case 0xc5, 0xda -> string(u16());
                case 0xc6, 0xdb -> string(len32());
                case 0xc7 -> ext(u8());
                case 0xc8 -> ext(u16());
                case 0xc9 -> ext(len32());
                case 0xca -> raw(Double.toString(Float.intBitsToFloat((int) u32())));
                case 0xcb -> raw(Double.toString(Double.longBitsToDouble(u64())));
                case 0xcc -> number(u8());
                case 0xcd -> number(u16());
                case 0xce -> number(u32());
                case 0xcf -> {
                    long v = u64();
                    raw(v >= 0 ? Long.toString(v) : Long.toUnsignedString(v));
                }
                case 0xd0 -> number((byte) u8());
                case 0xd1 -> number((short) u16());
                case 0xd2 -> number((int) u32());
                case 0xd3 -> number(u64());
                case 0xd4 -> ext(1);
                case 0xd5 -> ext(2);
                case 0xd6 -> ext(4);
                case 0xd7 -> ext(8);
                case 0xd8 -> ext(16);
                case 0xdc -> array(u16(), depth);
                case 0xdd -> array(len32(), depth);
                case 0xde -> map(u16(), depth);
                case 0xdf -> map(len32(), depth);
                default -> throw new IOException("invalid msgpack byte 0x" + Integer.toHexString(b));
            }
        }
    }

    private void array(int size, int depth) throws IOException {
        put('[');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                put(',');
            }
            value(depth + 1);
        }
        put(']');
    }

    private void map(int size, int depth) throws IOException {
        put('{');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                put(',');
            }
            key(depth);
            put(':');
            value(depth + 1);
        }
        put('}');
    }

    /** A string key as is; any other key as the JSON string of its printed value, as Fluentd prints it. */
    private void key(int depth) throws IOException {
        int b = peek();
        if ((b >= 0xa0 && b <= 0xbf) || b == 0xd9 || b == 0xda || b == 0xdb || b == 0xc4 || b == 0xc5 || b == 0xc6) {
            value(depth + 1);
            return;
        }
        int start = n;
        value(depth + 1);
        String printed = new String(out, start, n - start, StandardCharsets.UTF_8);
        n = start;
        if (printed.startsWith("\"")) {
            raw(printed);
        } else {
            byte[] b2 = printed.getBytes(StandardCharsets.UTF_8);
            put('"');
            escaped(b2, 0, b2.length);
            put('"');
        }
    }

    private void ext(int size) throws IOException {
        int type = (byte) u8();
        need(size);
        if (type == 0 && size == 8) {
            long s = ((in[pos] & 0xffL) << 24) | ((in[pos + 1] & 0xffL) << 16) | ((in[pos + 2] & 0xffL) << 8) | (in[pos + 3] & 0xffL);
            pos += 8;
            raw(Long.toString(s)); // an EventTime inside a record reads as its seconds
            return;
        }
        // Other extensions print their bytes as Latin-1 text, as MsgpackJson does.
        String s = new String(in, pos, size, StandardCharsets.ISO_8859_1);
        pos += size;
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        put('"');
        escaped(utf8, 0, utf8.length);
        put('"');
    }

    private void string(int size) throws IOException {
        need(size);
        put('"');
        escaped(in, pos, size);
        pos += size;
        put('"');
    }

    /** UTF-8 copied through, JSON's escapes applied, each invalid byte replaced by U+FFFD. */
    private void escaped(byte[] src, int from, int len) {
        ensure(len * 6 + 2);
        int i = from;
        int stop = from + len;
        while (i < stop) {
            // Copy the run of bytes that need nothing (most of a log line) in one go.
            int run = i;
            while (run < stop && PLAIN[src[run] & 0xff]) {
                run++;
            }
            if (run > i) {
                System.arraycopy(src, i, out, n, run - i);
                n += run - i;
                i = run;
                if (i == stop) {
                    break;
                }
            }
            int c = src[i] & 0xff;
            if (c < 0x80) {
                escape(c);
                i++;
            } else {
                int seq = utf8Length(src, i, stop);
                if (seq > 0) {
                    System.arraycopy(src, i, out, n, seq);
                    n += seq;
                    i += seq;
                } else {
                    ensure(3 + (stop - i) * 6);
                    System.arraycopy(REPLACEMENT, 0, out, n, 3);
                    n += 3;
                    i += -seq;
                }
            }
        }
    }

    /** Length of the valid UTF-8 sequence at {@code i}, or minus the number of bytes to replace by one U+FFFD. */
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
        int cp = c & (0x3f >> need);
        for (int k = 1; k <= need; k++) {
            if (i + k >= stop || (s[i + k] & 0xc0) != 0x80) {
                return -k; // the lead byte and the continuation bytes seen so far, replaced together
            }
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return -(need + 1);
        }
        return need + 1;
    }

    private void escape(int c) {
        out[n++] = '\\';
        switch (c) {
            case '"' -> out[n++] = '"';
            case '\\' -> out[n++] = '\\';
            case '\n' -> out[n++] = 'n';
            case '\r' -> out[n++] = 'r';
            case '\t' -> out[n++] = 't';
            case '\b' -> out[n++] = 'b';
            case '\f' -> out[n++] = 'f';
            default -> {
                out[n++] = 'u';
                out[n++] = '0';
                out[n++] = '0';
                out[n++] = HEX[c >> 4];
                out[n++] = HEX[c & 0xf];
            }
        }
    }

    private void number(long v) {
        raw(Long.toString(v));
    }

    private void raw(String s) {
        int len = s.length();
        ensure(len);
        for (int i = 0; i < len; i++) {
            out[n++] = (byte) s.charAt(i);
        }
    }

    private void put(char c) {
        ensure(1);
        out[n++] = (byte) c;
    }

    private void ensure(int more) {
        if (n + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, n + more));
        }
    }

    private int peek() throws IOException {
        need(1);
        return in[pos] & 0xff;
    }

    private int u8() throws IOException {
        need(1);
        return in[pos++] & 0xff;
    }

    private int u16() throws IOException {
        need(2);
        int v = ((in[pos] & 0xff) << 8) | (in[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    private long u32() throws IOException {
        need(4);
        long v = ((in[pos] & 0xffL) << 24) | ((in[pos + 1] & 0xffL) << 16) | ((in[pos + 2] & 0xffL) << 8) | (in[pos + 3] & 0xffL);
        pos += 4;
        return v;
    }

    private int len32() throws IOException {
        long v = u32();
        if (v > Integer.MAX_VALUE) {
            throw new IOException("msgpack length " + v + " is too large");
        }
        return (int) v;
    }

    private long u64() throws IOException {
        long hi = u32();
        return (hi << 32) | u32();
    }

    private void need(int k) throws IOException {
        if (k < 0 || pos + k > end) {
            throw new IOException("truncated msgpack value");
        }
    }

}
