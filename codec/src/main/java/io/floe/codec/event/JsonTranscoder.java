package io.floe.codec.event;

import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.msgpack.MsgpackException;
import io.floe.codec.msgpack.MsgpackType;
import io.floe.codec.text.RubyText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
 * {@link #copy}, {@link #skip}. The bytes are read with a {@link MsgpackCursor}; malformed msgpack is an
 * IOException. One transcoder per thread.
 */
public final class JsonTranscoder {
    private static final int MAX_DEPTH = 512;

    private final JsonBytes out;
    private final MsgpackCursor in = new MsgpackCursor(MAX_DEPTH);

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
        in.reset(buf, off, len);
    }

    /** Where the cursor is in the input array. */
    public int position() {
        return in.position();
    }

    /** The array {@link #begin} was given. */
    public byte[] input() {
        return in.array();
    }

    /** Moves the cursor back to a position it was at. */
    public void seek(int position) {
        in.position(position);
    }

    /** The size of the map at the cursor, its header read; or -1, nothing read, when the value is not a map. */
    public int mapHeader() throws IOException {
        try {
            return in.type() == MsgpackType.MAP ? in.readMapHeader("record") : -1;
        } catch (MsgpackException e) {
            throw malformed(e);
        }
    }

    /** True when the value at the cursor is a string (or binary), which keys nearly always are. */
    public boolean atString() throws IOException {
        try {
            MsgpackType t = in.type();
            return t == MsgpackType.STRING || t == MsgpackType.BINARY;
        } catch (MsgpackException e) {
            throw malformed(e);
        }
    }

    /** True when the value at the cursor is a string whose UTF-8 bytes are {@code utf8}; reads nothing. */
    public boolean keyIs(byte[] utf8) throws IOException {
        if (!atString() || in.format() == 0xdb || in.format() == 0xc6) {
            return false; // longer keys than 64 KiB never equal a configured name
        }
        int at = in.position();
        try {
            int len = in.readRawHeader("key");
            return Arrays.equals(in.array(), in.position(), in.position() + len, utf8, 0, utf8.length);
        } catch (MsgpackException e) {
            return false;
        } finally {
            in.position(at);
        }
    }

    /** Reads the string (or binary) at the cursor as Java text, each invalid UTF-8 sequence a U+FFFD, as Records does. */
    public String readString() throws IOException {
        try {
            return in.readString("value");
        } catch (MsgpackException e) {
            throw malformed(e);
        }
    }

    /** Writes the map key at the cursor and the colon after it. */
    public void copyKey() throws IOException {
        try {
            key(0);
        } catch (MsgpackException e) {
            throw malformed(e);
        }
        out.put(':');
    }

    /** Writes the value at the cursor. */
    public void copy() throws IOException {
        try {
            value(0);
        } catch (MsgpackException e) {
            throw malformed(e);
        }
    }

    /** Steps over the value at the cursor, writing nothing. */
    public void skip() throws IOException {
        try {
            in.skip();
        } catch (MsgpackException e) {
            throw malformed(e);
        }
    }

    private static IOException malformed(MsgpackException e) {
        return new IOException(e.getMessage(), e);
    }

    private void value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new MsgpackException("msgpack value nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (in.type()) {
            case NIL -> {
                in.readNil("value");
                out.ascii("null");
            }
            case BOOLEAN -> out.ascii(in.readBoolean("value") ? "true" : "false");
            case INTEGER -> {
                boolean unsigned64 = in.atUint64AboveLongMax();
                long v = in.readIntegerBits("value");
                if (unsigned64) {
                    out.ascii(Long.toUnsignedString(v));
                } else {
                    out.number(v);
                }
            }
            // float32 widened to double, as Jackson prints the unpacker's double
            case FLOAT -> decimal(in.readDouble("value"));
            case STRING, BINARY -> {
                int n = in.readRawHeader("value");
                out.string(in.array(), in.position(), n);
                in.position(in.position() + n);
            }
            case ARRAY -> elements(in.readArrayHeader("array"), '[', false, ']', depth);
            case MAP -> elements(in.readMapHeader("map"), '{', true, '}', depth);
            case EXTENSION -> ext(in.readExtHeader("value"));
        }
    }

    /**
     * A float as Fluentd's JSON writes it (Ruby's {@code Float#to_s}: {@code 1796693344.889739}, where Java would
     * write {@code 1.796693344889739E9}); NaN and the infinities, which JSON has no numbers for, as Jackson quotes them.
     */
    private void decimal(double d) {
        if (Double.isFinite(d)) {
            String java = Double.toString(d);
            // Java writes plain digits only for 1e-3 <= |d| < 1e7, a range where Ruby does the same.
            out.ascii(java.indexOf('E') < 0 ? java : RubyText.floatToS(d));
        } else {
            out.put('"');
            out.ascii(Double.toString(d));
            out.put('"');
        }
    }

    /** An array's {@code size} elements, or a map's {@code size} pairs, each a key, a colon and a value. */
    private void elements(int size, char open, boolean pairs, char close, int depth) {
        out.put(open);
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.put(',');
            }
            if (pairs) {
                key(depth);
                out.put(':');
            }
            value(depth + 1);
        }
        out.put(close);
    }

    /** A string key as is; any other key as the JSON string of its printed value, as Fluentd prints it. */
    private void key(int depth) {
        MsgpackType t = in.type();
        if (t == MsgpackType.STRING || t == MsgpackType.BINARY) {
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

    private void ext(int size) {
        int at = in.position();
        in.position(at + size);
        if (in.extType() == 0 && size == 8) {
            out.number(in.uint32At(at)); // an EventTime inside a record reads as its seconds, as Fluentd's to_json does
            return;
        }
        // Other extensions print their bytes as Latin-1 text, as the unpacker-and-Jackson path did.
        out.string(new String(in.array(), at, size, StandardCharsets.ISO_8859_1));
    }
}
