package io.floe.codec.event;

import com.fasterxml.jackson.core.JsonFactory;
import io.floe.codec.text.RubyText;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * The JSON that records were written as before {@link JsonTranscoder}: msgpack-java's unpacker decoding every
 * value and Jackson's generator encoding it. Kept as the reference the transcoder's output is checked against.
 */
final class JacksonReference {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JacksonReference() {
    }

    public static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = JSON.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        return g;
    }

    /** Writes the msgpack value at {@code buf[off, off+len)} to the generator. */
    public static void write(byte[] buf, int off, int len, JsonGenerator g) throws IOException {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(buf, off, len)) {
            copy(u, g);
        }
    }

    public static String toJson(byte[] buf, int off, int len) throws IOException {
        var out = new java.io.ByteArrayOutputStream(len + 16);
        try (JsonGenerator g = generator(out)) {
            write(buf, off, len, g);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public static void copy(MessageUnpacker u, JsonGenerator g) throws IOException {
        ValueType t = u.getNextFormat().getValueType();
        switch (t) {
            case NIL -> {
                u.unpackNil();
                g.writeNull();
            }
            case BOOLEAN -> g.writeBoolean(u.unpackBoolean());
            case INTEGER -> {
                BigInteger b = u.unpackBigInteger();
                if (b.bitLength() < 64) {
                    g.writeNumber(b.longValue());
                } else {
                    g.writeNumber(b);
                }
            }
            case FLOAT -> {
                double d = u.unpackDouble();
                if (Double.isFinite(d)) {
                    g.writeNumber(RubyText.floatToS(d)); // Fluentd's JSON writes Ruby's Float#to_s
                } else {
                    g.writeNumber(d);
                }
            }
            case STRING -> g.writeString(u.unpackString());
            case BINARY -> {
                int n = u.unpackBinaryHeader();
                g.writeString(new String(u.readPayload(n), StandardCharsets.UTF_8));
            }
            case ARRAY -> {
                int n = u.unpackArrayHeader();
                g.writeStartArray();
                for (int i = 0; i < n; i++) {
                    copy(u, g);
                }
                g.writeEndArray();
            }
            case MAP -> {
                int n = u.unpackMapHeader();
                g.writeStartObject();
                for (int i = 0; i < n; i++) {
                    writeKey(u, g);
                    copy(u, g);
                }
                g.writeEndObject();
            }
            case EXTENSION -> {
                Object v = read(u);
                if (v instanceof Long l) {
                    g.writeNumber(l);
                } else {
                    g.writeString(new String((byte[]) v, StandardCharsets.ISO_8859_1));
                }
            }
            default -> throw new IOException("unexpected msgpack type " + t);
        }
    }

    private static void writeKey(MessageUnpacker u, JsonGenerator g) throws IOException {
        ValueType t = u.getNextFormat().getValueType();
        if (t == ValueType.STRING) {
            g.writeFieldName(u.unpackString());
        } else {
            g.writeFieldName(String.valueOf(read(u)));
        }
    }

    /**
     * A value as {@link Records} decoded it with msgpack-java's unpacker, before it read with the cursor: the
     * reference the cursor-based decoding is checked against.
     */
    static Object read(MessageUnpacker u) throws IOException {
        MessageFormat f = u.getNextFormat();
        switch (f.getValueType()) {
            case NIL:
                u.unpackNil();
                return null;
            case BOOLEAN:
                return u.unpackBoolean();
            case INTEGER: {
                if (f != MessageFormat.UINT64) {
                    return u.unpackLong();
                }
                BigInteger b = u.unpackBigInteger();
                return b.bitLength() < 64 ? (Object) b.longValue() : b;
            }
            case FLOAT:
                return u.unpackDouble();
            case STRING:
                return u.unpackString();
            case BINARY:
                return new String(u.readPayload(u.unpackBinaryHeader()), StandardCharsets.UTF_8);
            case ARRAY: {
                int n = u.unpackArrayHeader();
                List<Object> l = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    l.add(read(u));
                }
                return l;
            }
            case MAP: {
                int n = u.unpackMapHeader();
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object k = read(u);
                    m.put(String.valueOf(k), read(u));
                }
                return m;
            }
            default: {
                var h = u.unpackExtensionTypeHeader();
                byte[] payload = u.readPayload(h.getLength());
                if (h.getType() == 0 && payload.length == 8) {
                    return ((payload[0] & 0xffL) << 24) | ((payload[1] & 0xffL) << 16) | ((payload[2] & 0xffL) << 8) | (payload[3] & 0xffL);
                }
                return payload;
            }
        }
    }
}
