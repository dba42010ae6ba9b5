package io.floe.codec.event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes msgpack values as compact JSON straight from their bytes: strings are copied as UTF-8 with JSON's escapes,
 * numbers printed from their bytes, and no Java String, map or parser object is made per value. The output is what
 * msgpack-java's unpacker and Jackson's generator wrote before, byte for byte (invalid UTF-8 becomes U+FFFD as the
 * unpacker decodes it; a float32 prints as the double it widens to; a uint64 past Long.MAX_VALUE as its unsigned
 * value; an EventTime as its seconds; other extensions as their bytes read as Latin-1 text; a key that is not a
 * string as its printed value), except that characters outside the BMP are written as UTF-8 rather than as escaped
 * surrogate pairs, as Fluentd (Ruby's JSON) writes them.
 *
 * <p>Besides whole values ({@link #write}), a writer that changes a record on its way (the Elasticsearch document)
 * walks it with the cursor methods: {@link #begin}, {@link #mapHeader}, {@link #keyIs}, {@link #copyKey},
 * {@link #copy}, {@link #skip}. One transcoder per thread.
 */
public final class JsonTranscoder {
    private static final int MAX_DEPTH = 512;

    private final JsonBytes out;
    private byte[] in;
    private int pos;
    private int end;

    public JsonTranscoder() {
        this(new JsonBytes(256));
    }

    /** A transcoder writing into {@code out}. */
    public JsonTranscoder(JsonBytes out) {
        this.out = out;
    }

    public JsonBytes out() {
        return out;
    }

    /** Writes the value at {@code buf[off, off+len)} to {@code sink}. */
    public void write(byte[] buf, int off, int len, OutputStream sink) throws IOException {
        out.reset();
        begin(buf, off, len);
        copy();
        out.writeTo(sink);
    }

    /** The value as a JSON string (for tests and logs). */
    public String toJson(byte[] buf, int off, int len) throws IOException {
        var bo = new ByteArrayOutputStream(len + 16);
        write(buf, off, len, bo);
        return bo.toString(StandardCharsets.UTF_8);
    }

    /** Puts the cursor on the msgpack at {@code buf[off, off+len)}; the output is left as it is. */
    public void begin(byte[] buf, int off, int len) {
        in = buf;
        pos = off;
        end = off + len;
    }

    /** Where the cursor is in the input array. */
    public int position() {
        return pos;
    }

    /** The array {@link #begin} was given. */
    public byte[] input() {
        return in;
    }

    /** Moves the cursor back to a position it was at. */
    public void seek(int position) {
        pos = position;
    }

    /** The size of the map at the cursor, its header read; or -1, nothing read, when the value is not a map. */
    public int mapHeader() throws IOException {
        int b = peek();
        if (b >= 0x80 && b <= 0x8f) {
            pos++;
            return b & 0x0f;
        } else if (b == 0xde) {
            pos++;
            return u16();
        } else if (b == 0xdf) {
            pos++;
            return len32();
        }
        return -1;
    }

    /** True when the value at the cursor is a string (or binary), which keys nearly always are. */
    public boolean atString() throws IOException {
        int b = peek();
        return (b >= 0xa0 && b <= 0xbf) || (b >= 0xd9 && b <= 0xdb) || (b >= 0xc4 && b <= 0xc6);
    }

    /** True when the value at the cursor is a string whose UTF-8 bytes are {@code utf8}; reads nothing. */
    public boolean keyIs(byte[] utf8) throws IOException {
        int b = peek();
        int len;
        int at;
        if (b >= 0xa0 && b <= 0xbf) {
            len = b & 0x1f;
            at = pos + 1;
        } else if (b == 0xd9 || b == 0xc4) {
            need(2);
            len = in[pos + 1] & 0xff;
            at = pos + 2;
        } else if (b == 0xda || b == 0xc5) {
            need(3);
            len = ((in[pos + 1] & 0xff) << 8) | (in[pos + 2] & 0xff);
            at = pos + 3;
        } else {
            return false; // longer keys than 64 KiB never equal a configured name
        }
        if (len != utf8.length || at + len > end) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (in[at + i] != utf8[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads the string (or binary) at the cursor as Java text, each invalid UTF-8 sequence a U+FFFD, as Records does. */
    public String readString() throws IOException {
        int b = u8();
        int len;
        if (b >= 0xa0 && b <= 0xbf) {
            len = b & 0x1f;
        } else if (b == 0xd9 || b == 0xc4) {
            len = u8();
        } else if (b == 0xda || b == 0xc5) {
            len = u16();
        } else if (b == 0xdb || b == 0xc6) {
            len = len32();
        } else {
            pos--;
            throw new IOException("expected a msgpack string, got byte 0x" + Integer.toHexString(b));
        }
        need(len);
        String v = new String(in, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return v;
    }

    /** Writes the map key at the cursor and the colon after it. */
    public void copyKey() throws IOException {
        key(0);
        out.put(':');
    }

    /** Writes the value at the cursor. */
    public void copy() throws IOException {
        value(0);
    }

    /** Steps over the value at the cursor, writing nothing. */
    public void skip() throws IOException {
        skip(0);
    }

    private void value(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("msgpack value nested deeper than " + MAX_DEPTH + " levels");
        }
        int b = u8();
        if (b <= 0x7f) {
            out.number(b);
        } else if (b <= 0x8f) {
            map(b & 0x0f, depth);
        } else if (b <= 0x9f) {
            array(b & 0x0f, depth);
        } else if (b <= 0xbf) {
            string(b & 0x1f);
        } else if (b >= 0xe0) {
            out.number((byte) b);
        } else {
            switch (b) {
                case 0xc0 -> out.ascii("null");
                case 0xc2 -> out.ascii("false");
                case 0xc3 -> out.ascii("true");
                case 0xc4, 0xd9 -> string(u8());
                case 0xc5, 0xda -> string(u16());
                case 0xc6, 0xdb -> string(len32());
                case 0xc7 -> ext(u8());
                case 0xc8 -> ext(u16());
                case 0xc9 -> ext(len32());
                // float32 widened to double, as Jackson prints the unpacker's double
                case 0xca -> decimal(Float.intBitsToFloat((int) u32()));
                case 0xcb -> decimal(Double.longBitsToDouble(u64()));
                case 0xcc -> out.number(u8());
                case 0xcd -> out.number(u16());
                case 0xce -> out.number(u32());
                case 0xcf -> {
                    long v = u64();
                    if (v >= 0) {
                        out.number(v);
                    } else {
                        out.ascii(Long.toUnsignedString(v));
                    }
                }
                case 0xd0 -> out.number((byte) u8());
                case 0xd1 -> out.number((short) u16());
                case 0xd2 -> out.number((int) u32());
                case 0xd3 -> out.number(u64());
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

    /** Java's shortest exact form; NaN and the infinities, which JSON has no numbers for, as Jackson quotes them. */
    private void decimal(double d) {
        if (Double.isFinite(d)) {
            out.ascii(Double.toString(d));
        } else {
            out.put('"');
            out.ascii(Double.toString(d));
            out.put('"');
        }
    }

    private void array(int size, int depth) throws IOException {
        out.put('[');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.put(',');
            }
            value(depth + 1);
        }
        out.put(']');
    }

    private void map(int size, int depth) throws IOException {
        out.put('{');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.put(',');
            }
            key(depth);
            out.put(':');
            value(depth + 1);
        }
        out.put('}');
    }

    /** A string key as is; any other key as the JSON string of its printed value, as Fluentd prints it. */
    private void key(int depth) throws IOException {
        if (atString()) {
            value(depth + 1);
            return;
        }
        int start = out.size();
        value(depth + 1);
        if (out.array()[start] == '"') {
            return;   // an extension: already a JSON string, of its Latin-1 characters
        }
        String printed = new String(out.array(), start, out.size() - start, StandardCharsets.UTF_8);
        out.truncate(start);
        out.string(printed);
    }

    private void ext(int size) throws IOException {
        int type = (byte) u8();
        need(size);
        if (type == 0 && size == 8) {
            long s = ((in[pos] & 0xffL) << 24) | ((in[pos + 1] & 0xffL) << 16) | ((in[pos + 2] & 0xffL) << 8) | (in[pos + 3] & 0xffL);
            pos += 8;
            out.number(s); // an EventTime inside a record reads as its seconds, as Fluentd's to_json does
            return;
        }
        // Other extensions print their bytes as Latin-1 text, as the unpacker-and-Jackson path did.
        out.string(new String(in, pos, size, StandardCharsets.ISO_8859_1));
        pos += size;
    }

    private void string(int size) throws IOException {
        need(size);
        out.string(in, pos, size);
        pos += size;
    }

    private void skip(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("msgpack value nested deeper than " + MAX_DEPTH + " levels");
        }
        int b = u8();
        if (b <= 0x7f || b >= 0xe0) {
            return;
        } else if (b <= 0x8f) {
            skipAll(2 * (b & 0x0f), depth);
            return;
        } else if (b <= 0x9f) {
            skipAll(b & 0x0f, depth);
            return;
        } else if (b <= 0xbf) {
            skipBytes(b & 0x1f);
            return;
        }
        switch (b) {
            case 0xc0, 0xc2, 0xc3 -> {
            }
            case 0xc4, 0xd9 -> skipBytes(u8());
            case 0xc5, 0xda -> skipBytes(u16());
            case 0xc6, 0xdb -> skipBytes(len32());
            case 0xc7 -> skipBytes(u8() + 1);
            case 0xc8 -> skipBytes(u16() + 1);
            case 0xc9 -> skipBytes(len32() + 1L);
            case 0xcc, 0xd0 -> skipBytes(1);
            case 0xcd, 0xd1 -> skipBytes(2);
            case 0xca, 0xce, 0xd2 -> skipBytes(4);
            case 0xcb, 0xcf, 0xd3 -> skipBytes(8);
            case 0xd4 -> skipBytes(2);
            case 0xd5 -> skipBytes(3);
            case 0xd6 -> skipBytes(5);
            case 0xd7 -> skipBytes(9);
            case 0xd8 -> skipBytes(17);
            case 0xdc -> skipAll(u16(), depth);
            case 0xdd -> skipAll(len32(), depth);
            case 0xde -> skipAll(2L * u16(), depth);
            case 0xdf -> skipAll(2L * len32(), depth);
            default -> throw new IOException("invalid msgpack byte 0x" + Integer.toHexString(b));
        }
    }

    private void skipAll(long values, int depth) throws IOException {
        for (long i = 0; i < values; i++) {
            skip(depth + 1);
        }
    }

    private void skipBytes(long n) throws IOException {
        if (n > end - pos) {
            throw new IOException("truncated msgpack value");
        }
        pos += (int) n;
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
        if (k < 0 || k > end - pos) {
            throw new IOException("truncated msgpack value");
        }
    }
}
