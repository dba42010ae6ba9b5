package io.floe.outputs.inject;

import io.floe.api.Chunk;
import io.floe.codec.event.EventStream;
import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.msgpack.MsgpackType;
import io.floe.outputs.format.TimeFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Applies an {@code <inject>} section to events as Fluentd's {@code inject_values_to_event_stream} does:
 * the host name, worker id, tag and time go into each record, in that order; a key the record already has
 * keeps its place and gets the new value, a new key goes last. Records stay msgpack: the map's header is
 * rewritten and the fields spliced in, no value of the record is decoded. Thread-safe; flush threads share it.
 */
public final class Injector {
    /** Where a field's value comes from. */
    private enum Source { CONSTANT, TAG, TIME }

    /** One field to set: its key as UTF-8 (to find it in a record) and packed (to append it). */
    private record Field(byte[] key, byte[] packedKey, Source source, byte[] constant) {
    }

    private final Field[] fields;
    private final InjectTime time;

    private Injector(List<Field> fields, InjectTime time) {
        this.fields = fields.toArray(new Field[0]);
        this.time = time;
    }

    /**
     * The injector {@code c} describes, or null when it adds nothing (no {@code *_key} set): then the output
     * is handed its events untouched.
     *
     * @param localZone the zone Fluentd would call local time (the process's TZ)
     * @param localHost the host name used when {@code hostname} is unset; asked only then
     */
    public static Injector of(InjectConfig c, ZoneId localZone, Supplier<String> localHost) {
        if (c == null || !c.enabled()) {
            return null;
        }
        List<Field> fields = new ArrayList<>(4);
        if (c.hostnameKey() != null) {
            set(fields, c.hostnameKey(), Source.CONSTANT, packString(c.hostname() != null ? c.hostname() : localHost.get()));
        }
        if (c.workerIdKey() != null) {
            set(fields, c.workerIdKey(), Source.CONSTANT, PackedBuffer.integer(0));
        }
        if (c.tagKey() != null) {
            set(fields, c.tagKey(), Source.TAG, null);
        }
        InjectTime time = null;
        if (c.timeKey() != null) {
            set(fields, c.timeKey(), Source.TIME, null);
            time = new InjectTime(c.timeType(), TimeFormat.of(c.stringTime(), localZone));
        }
        return new Injector(fields, time);
    }

    /** Fluentd assigns the fields one after another: a key named twice keeps its first place and its last value. */
    private static void set(List<Field> fields, String key, Source source, byte[] constant) {
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        Field f = new Field(utf8, packString(key), source, constant);
        for (int i = 0; i < fields.size(); i++) {
            if (Arrays.equals(fields.get(i).key, utf8)) {
                fields.set(i, f);
                return;
            }
        }
        fields.add(f);
    }

    static byte[] packString(String s) {
        return PackedBuffer.str(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The chunk with the fields in every record. Its streams are injected when the output first reaches
     * each one (a file chunk's are read from disk one by one), once each.
     */
    public Chunk apply(Chunk chunk) {
        List<Chunk.Tagged> original = chunk.streams();
        Chunk.Tagged[] injected = new Chunk.Tagged[original.size()];
        List<Chunk.Tagged> streams = new AbstractList<>() {
            @Override
            public Chunk.Tagged get(int i) {
                if (injected[i] == null) {
                    Chunk.Tagged t = original.get(i);
                    injected[i] = new Chunk.Tagged(t.tag(), apply(t.tag(), t.events()));
                }
                return injected[i];
            }

            @Override
            public int size() {
                return injected.length;
            }
        };
        return new Chunk(chunk.id(), chunk.tag(), chunk.slice(), chunk.variables(), streams);
    }

    /** The events of {@code tag} with the fields in every record; the entries' times and other bytes as they were. */
    public EventStream apply(String tag, EventStream events) {
        byte[] packedTag = packString(tag);
        PackedBuffer out = new PackedBuffer(events.length() + events.count() * 48 + 64);
        MsgpackCursor cursor = new MsgpackCursor(MsgpackCursor.ANY_DEPTH);
        byte[][] values = new byte[fields.length][];
        int[] copied = {events.offset()};
        try {
            events.forEach((sec, nsec, buf, off, len) -> {
                out.write(buf, copied[0], off - copied[0]); // the entry's array header and time
                for (int i = 0; i < fields.length; i++) {
                    values[i] = switch (fields[i].source) {
                        case CONSTANT -> fields[i].constant;
                        case TAG -> packedTag;
                        case TIME -> time.packed(sec, nsec);
                    };
                }
                record(cursor.reset(buf, off, len), values, out);
                copied[0] = off + len;
            });
        } catch (IOException e) {
            // The engine checked these events when they came in; bytes it could walk then walk now.
            throw new UncheckedIOException(e);
        }
        out.write(events.array(), copied[0], events.offset() + events.length() - copied[0]);
        return new EventStream(out.array(), 0, out.size(), events.count());
    }

    /** Writes the record at the cursor with {@code values} set. A record that is not a map is written as it was. */
    private void record(MsgpackCursor c, byte[][] values, PackedBuffer out) {
        int start = c.position();
        int end = c.limit();
        if (c.type() != MsgpackType.MAP) {
            out.write(c.array(), start, end - start);
            return;
        }
        int n = c.readMapHeader("record");
        int body = c.position();
        // Where each field's current value lies, when the record has the key already.
        int[] valueStart = null;
        int[] valueEnd = null;
        int present = 0;
        for (int i = 0; i < n; i++) {
            int f = field(c);
            c.skip();
            int v = c.position();
            c.skip();
            if (f >= 0 && (valueStart == null || valueStart[f] < 0)) {
                if (valueStart == null) {
                    valueStart = new int[fields.length];
                    valueEnd = new int[fields.length];
                    Arrays.fill(valueStart, -1);
                }
                valueStart[f] = v;
                valueEnd[f] = c.position();
                present++;
            }
        }
        out.mapHeader(n + fields.length - present);
        int from = body;
        if (valueStart != null) {
            // Replace the values in the order they lie in the record.
            for (int at = nextAfter(valueStart, -1); at >= 0; at = nextAfter(valueStart, valueStart[at])) {
                out.write(c.array(), from, valueStart[at] - from);
                out.write(values[at], 0, values[at].length);
                from = valueEnd[at];
            }
        }
        out.write(c.array(), from, end - from);
        for (int i = 0; i < fields.length; i++) {
            if (valueStart == null || valueStart[i] < 0) {
                out.write(fields[i].packedKey, 0, fields[i].packedKey.length);
                out.write(values[i], 0, values[i].length);
            }
        }
    }

    /** The field whose start is the smallest after {@code after}, or -1. */
    private static int nextAfter(int[] starts, int after) {
        int best = -1;
        for (int i = 0; i < starts.length; i++) {
            if (starts[i] > after && (best < 0 || starts[i] < starts[best])) {
                best = i;
            }
        }
        return best;
    }

    /** The index of the field the key at the cursor names, or -1; leaves the cursor at the key. */
    private int field(MsgpackCursor c) {
        if (c.type() != MsgpackType.STRING) {
            return -1;
        }
        int keyAt = c.position();
        int len = c.readRawHeader("key");
        int at = c.position();
        c.position(keyAt);
        for (int i = 0; i < fields.length; i++) {
            byte[] k = fields[i].key;
            if (k.length == len && Arrays.equals(c.array(), at, at + len, k, 0, len)) {
                return i;
            }
        }
        return -1;
    }
}
