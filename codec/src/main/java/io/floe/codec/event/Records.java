package io.floe.codec.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.MessageBuffer;
import org.msgpack.value.ValueType;

/**
 * Converts records between msgpack and plain Java values (Map, List, String, Long, BigInteger, Double,
 * Boolean, byte[], null). Keys that are not strings are turned into their string form, as Fluentd's
 * JSON output does.
 */
public final class Records {
    private Records() {
    }

    public static Map<String, Object> decode(byte[] buf, int off, int len) throws IOException {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(buf, off, len)) {
            Object v = read(u);
            if (!(v instanceof Map)) {
                throw new IOException("record is a " + (v == null ? "nil" : v.getClass().getSimpleName()) + ", expected a map");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) v;
            return m;
        }
    }

    /** The one msgpack value at {@code buf[off..off+len)}. */
    public static Object decodeValue(byte[] buf, int off, int len) throws IOException {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(buf, off, len)) {
            return read(u);
        }
    }

    public static Object read(MessageUnpacker u) throws IOException {
        MessageFormat f = u.getNextFormat();
        ValueType t = f.getValueType();
        switch (t) {
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
            case STRING: {
                // The JDK's UTF-8 decoding straight from the bytes: several times faster than the unpacker's
                // CharsetDecoder, with the same U+FFFD for malformed input.
                int n = u.unpackRawStringHeader();
                MessageBuffer ref = u.readPayloadAsReference(n);
                if (ref.hasArray()) {
                    return new String(ref.array(), ref.arrayOffset(), n, StandardCharsets.UTF_8);
                }
                return new String(ref.toByteArray(), StandardCharsets.UTF_8);
            }
            case BINARY: {
                int n = u.unpackBinaryHeader();
                return new String(u.readPayload(n), java.nio.charset.StandardCharsets.UTF_8);
            }
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
                Map<String, Object> m = new LinkedHashMap<>(Math.max(4, n * 2));
                for (int i = 0; i < n; i++) {
                    Object k = read(u);
                    m.put(String.valueOf(k), read(u));
                }
                return m;
            }
            case EXTENSION: {
                var h = u.unpackExtensionTypeHeader();
                byte[] payload = u.readPayload(h.getLength());
                if (h.getType() == 0 && payload.length == 8) {
                    long s = ((payload[0] & 0xffL) << 24) | ((payload[1] & 0xffL) << 16) | ((payload[2] & 0xffL) << 8) | (payload[3] & 0xffL);
                    return s; // an EventTime inside a record reads as its seconds, as Fluentd's to_json does
                }
                return payload;
            }
            default:
                throw new IOException("unexpected msgpack type " + t);
        }
    }

    public static byte[] encode(Map<String, ?> record) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            write(p, record);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(MessagePacker p, Object v) throws IOException {
        if (v == null) {
            p.packNil();
        } else if (v instanceof String s) {
            p.packString(s);
        } else if (v instanceof Integer i) {
            p.packInt(i);
        } else if (v instanceof Long l) {
            p.packLong(l);
        } else if (v instanceof BigInteger b) {
            p.packBigInteger(b);
        } else if (v instanceof Double d) {
            p.packDouble(d);
        } else if (v instanceof Float f) {
            p.packFloat(f);
        } else if (v instanceof Boolean b) {
            p.packBoolean(b);
        } else if (v instanceof byte[] b) {
            p.packBinaryHeader(b.length);
            p.writePayload(b);
        } else if (v instanceof MsgpackRecord r) {
            r.writeTo(p);
        } else if (v instanceof Map<?, ?> m) {
            p.packMapHeader(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                p.packString(String.valueOf(e.getKey()));
                write(p, e.getValue());
            }
        } else if (v instanceof Iterable<?> it) {
            List<Object> l = new ArrayList<>();
            it.forEach(l::add);
            p.packArrayHeader(l.size());
            for (Object o : l) {
                write(p, o);
            }
        } else if (v instanceof Number n) {
            p.packDouble(n.doubleValue());
        } else {
            p.packString(v.toString());
        }
    }
}
