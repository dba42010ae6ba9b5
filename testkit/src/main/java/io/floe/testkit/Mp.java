package io.floe.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Builds msgpack test frames from plain Java values, with wrappers for the encodings a test must pin
 * down exactly: a given int width, str8/16/32 headers, ext8 against fixext8 EventTime, raw bytes.
 */
public final class Mp {
    private Mp() {
    }

    /** Bytes that are already msgpack, inserted as they are. */
    public record Raw(byte[] bytes) {
    }

    /** An EventTime, as fixext8 (d7 00) or, with {@code ext8}, as ext8 (c7 08 00). */
    public record Time(long seconds, long nanos, boolean ext8) {
        public Time(long seconds, long nanos) {
            this(seconds, nanos, false);
        }
    }

    /** A str with exactly these bytes (maybe invalid UTF-8) and a header of {@code width} bits (0 = smallest). */
    public record Str(byte[] bytes, int width) {
        public static Str of(String s, int width) {
            return new Str(s.getBytes(StandardCharsets.UTF_8), width);
        }
    }

    /** An integer in one given format: its first byte (0xcc..0xd3). */
    public record Int(long value, int marker) {
    }

    /** A float32 rather than a float64. */
    public record Float32(float value) {
    }

    /** An ext value of any type. */
    public record Ext(int type, byte[] data) {
    }

    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    public static List<Object> list(Object... items) {
        return Arrays.asList(items);
    }

    public static byte[] pack(Object v) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            write(p, v);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Several values back to back: a PackedForward body, or a TCP stream of messages. */
    public static byte[] stream(Object... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object v : values) {
            out.writeBytes(v instanceof byte[] b ? b : pack(v));
        }
        return out.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** One gzip member per part, concatenated, as Fluentd's out_forward writes them. */
    public static byte[] gzipMembers(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(one)) {
                gz.write(part);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.writeBytes(one.toByteArray());
        }
        return out.toByteArray();
    }

    private static void write(MessageBufferPacker p, Object v) throws IOException {
        if (v == null) {
            p.packNil();
        } else if (v instanceof Raw r) {
            p.writePayload(r.bytes());
        } else if (v instanceof String s) {
            p.packString(s);
        } else if (v instanceof Str s) {
            strHeader(p, s);
            p.writePayload(s.bytes());
        } else if (v instanceof byte[] b) {
            p.packBinaryHeader(b.length);
            p.writePayload(b);
        } else if (v instanceof Integer || v instanceof Long) {
            p.packLong(((Number) v).longValue());
        } else if (v instanceof Int i) {
            fixedInt(p, i);
        } else if (v instanceof Double d) {
            p.packDouble(d);
        } else if (v instanceof Float32 f) {
            p.packFloat(f.value());
        } else if (v instanceof Boolean b) {
            p.packBoolean(b);
        } else if (v instanceof Time t) {
            if (t.ext8()) {
                p.writePayload(new byte[] {(byte) 0xc7, 8, 0});
            } else {
                p.writePayload(new byte[] {(byte) 0xd7, 0});
            }
            p.writePayload(new byte[] {(byte) (t.seconds() >>> 24), (byte) (t.seconds() >>> 16), (byte) (t.seconds() >>> 8),
                (byte) t.seconds(), (byte) (t.nanos() >>> 24), (byte) (t.nanos() >>> 16), (byte) (t.nanos() >>> 8), (byte) t.nanos()});
        } else if (v instanceof Ext e) {
            p.packExtensionTypeHeader((byte) e.type(), e.data().length);
            p.writePayload(e.data());
        } else if (v instanceof Map<?, ?> m) {
            p.packMapHeader(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                write(p, e.getKey());
                write(p, e.getValue());
            }
        } else if (v instanceof List<?> l) {
            p.packArrayHeader(l.size());
            for (Object o : l) {
                write(p, o);
            }
        } else {
            throw new IllegalArgumentException("no msgpack form for " + v.getClass());
        }
    }

    private static void strHeader(MessageBufferPacker p, Str s) throws IOException {
        int n = s.bytes().length;
        switch (s.width()) {
            case 0 -> p.packRawStringHeader(n);
            case 8 -> p.writePayload(new byte[] {(byte) 0xd9, (byte) n});
            case 16 -> p.writePayload(new byte[] {(byte) 0xda, (byte) (n >>> 8), (byte) n});
            case 32 -> p.writePayload(new byte[] {(byte) 0xdb, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
            default -> throw new IllegalArgumentException("width " + s.width());
        }
    }

    private static void fixedInt(MessageBufferPacker p, Int i) throws IOException {
        long v = i.value();
        byte[] b = switch (i.marker()) {
            case 0xcc, 0xd0 -> new byte[] {(byte) i.marker(), (byte) v};
            case 0xcd, 0xd1 -> new byte[] {(byte) i.marker(), (byte) (v >>> 8), (byte) v};
            case 0xce, 0xd2 -> new byte[] {(byte) i.marker(), (byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
            case 0xcf, 0xd3 -> new byte[] {(byte) i.marker(), (byte) (v >>> 56), (byte) (v >>> 48), (byte) (v >>> 40), (byte) (v >>> 32),
                (byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
            default -> throw new IllegalArgumentException("marker " + i.marker());
        };
        p.writePayload(b);
    }
}
