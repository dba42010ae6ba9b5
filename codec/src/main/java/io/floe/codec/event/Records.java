package io.floe.codec.event;

import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.msgpack.Packed;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessagePacker;

/**
 * Converts records between msgpack and plain Java values (Map, List, String, Long, BigInteger, Double,
 * Boolean, byte[], null). Keys that are not strings are turned into their string form, as Fluentd's
 * JSON output does.
 */
public final class Records {
    private Records() {
    }

    /** The record at {@code buf[off..off+len)}; an IOException when it is not a map, a MsgpackException when it is not msgpack. */
    public static Map<String, Object> decode(byte[] buf, int off, int len) throws IOException {
        Object v = decodeValue(buf, off, len);
        if (!(v instanceof Map)) {
            throw new IOException("record is a " + (v == null ? "nil" : v.getClass().getSimpleName()) + ", expected a map");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return m;
    }

    /** The one msgpack value at {@code buf[off..off+len)}. */
    public static Object decodeValue(byte[] buf, int off, int len) throws IOException {
        return read(new MsgpackCursor(buf, off, len));
    }

    /** The value at the cursor, which ends after it. */
    public static Object read(MsgpackCursor c) {
        return switch (c.type()) {
            case NIL -> {
                c.readNil("value");
                yield null;
            }
            case BOOLEAN -> c.readBoolean("value");
            case INTEGER -> c.atUint64AboveLongMax()
                    ? new BigInteger(Long.toUnsignedString(c.readIntegerBits("value")))
                    : (Object) c.readLong("value");
            case FLOAT -> c.readDouble("value");
            case STRING, BINARY -> c.readString("value");
            case ARRAY -> {
                int n = c.readArrayHeader("array");
                List<Object> l = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    l.add(read(c));
                }
                yield l;
            }
            case MAP -> {
                int n = c.readMapHeader("map");
                Map<String, Object> m = new LinkedHashMap<>(Math.max(4, n * 2));
                for (int i = 0; i < n; i++) {
                    Object k = read(c);
                    m.put(String.valueOf(k), read(c));
                }
                yield m;
            }
            case EXTENSION -> extension(c);
        };
    }

    /** An EventTime inside a record reads as its seconds, as Fluentd's to_json does; other extensions as their bytes. */
    private static Object extension(MsgpackCursor c) {
        int n = c.readExtHeader("value");
        int at = c.position();
        c.position(at + n);
        if (c.extType() == 0 && n == 8) {
            return c.uint32At(at);
        }
        return Arrays.copyOfRange(c.array(), at, at + n);
    }

    public static byte[] encode(Map<String, ?> record) {
        return Packed.of(p -> write(p, record));
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
