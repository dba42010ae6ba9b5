package io.floe.agent.pipeline;

import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.Records;
import io.floe.buffer.ChunkKey;
import io.floe.buffer.Segment;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Splits an emitted batch into the chunks its events belong to: by tag, by time slice, by record
 * fields. A batch whose events all share a key (the usual case) is kept whole, without copying.
 *
 * @param timekeySeconds the time slice's length, or -1 when time is not a key
 * @param zone the zone slices are aligned in
 * @param fields the record fields that are keys, without their {@code $.}
 */
public record ChunkKeys(boolean byTag, long timekeySeconds, ZoneId zone, List<String> fields) {
    private static final Pattern KEY = Pattern.compile("[-_.@$a-zA-Z0-9\\[\\]'\"]+");

    public ChunkKeys {
        fields = List.copyOf(fields);
    }

    /** Parses {@code tag, time, field}; {@code timekeySeconds} must be positive when {@code time} is a key. */
    public static ChunkKeys parse(String arg, long timekeySeconds, ZoneId zone) {
        boolean tag = false;
        boolean time = false;
        List<String> fields = new ArrayList<>();
        for (String raw : arg.split(",")) {
            String k = raw.trim();
            if (k.isEmpty() || k.equals("[]")) {
                continue;
            }
            if (!KEY.matcher(k).matches()) {
                throw new IllegalArgumentException("invalid chunk key '" + k + "'");
            }
            switch (k) {
                case "tag" -> tag = true;
                case "time" -> time = true;
                default -> fields.add(k.startsWith("$.") ? k.substring(2) : k);
            }
        }
        return new ChunkKeys(tag, time ? timekeySeconds : -1, zone, fields);
    }

    public boolean hasTime() {
        return timekeySeconds > 0;
    }

    /** The start of the slice holding {@code epochSecond}, slices aligned in the configured zone. */
    public long sliceStart(long epochSecond) {
        long offset = zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        return Math.floorDiv(epochSecond + offset, timekeySeconds) * timekeySeconds - offset;
    }

    /**
     * The batch as one or more keyed segments. Each event is keyed once; a batch whose events share one
     * key is the batch's own bytes, and the parts of a mixed batch are each allocated at their exact size
     * (a writer sized to the whole batch per part, or one that doubles as it grows, would hold several
     * times a large message at once).
     */
    public Map<ChunkKey, Segment> split(String tag, EventStream events) throws IOException {
        String keyTag = byTag ? tag : null;
        if (!hasTime() && fields.isEmpty()) {
            return Map.of(new ChunkKey(keyTag, -1, Map.of()), segment(tag, events));
        }
        ChunkKey[] keys = new ChunkKey[events.count()];
        Map<ChunkKey, Integer> sizes = new LinkedHashMap<>();
        int[] at = {0};
        events.forEach((sec, nsec, buf, off, len) -> {
            long slice = hasTime() ? sliceStart(sec) : -1;
            Map<String, String> vars = fields.isEmpty() ? Map.of() : fieldValues(buf, off, len);
            ChunkKey k = at[0] == 0 ? new ChunkKey(keyTag, slice, vars) : sameOrNew(keys[at[0] - 1], keyTag, slice, vars);
            keys[at[0]++] = k;
            sizes.merge(k, EventStreamWriter.entryBytes(len), Integer::sum);
        });
        if (sizes.size() == 1) {
            return Map.of(sizes.keySet().iterator().next(), segment(tag, events));
        }
        Map<ChunkKey, EventStreamWriter> parts = new LinkedHashMap<>();
        sizes.forEach((k, size) -> parts.put(k, new EventStreamWriter(size)));
        at[0] = 0;
        events.forEach((sec, nsec, buf, off, len) -> parts.get(keys[at[0]++]).add(sec, nsec, buf, off, len));
        Map<ChunkKey, Segment> out = new LinkedHashMap<>();
        parts.forEach((k, w) -> out.put(k, segment(tag, w.build())));
        return out;
    }

    /** The previous event's key when this one has the same, so a batch of one key holds one key object. */
    private static ChunkKey sameOrNew(ChunkKey previous, String tag, long slice, Map<String, String> vars) {
        ChunkKey k = new ChunkKey(tag, slice, vars);
        return k.equals(previous) ? previous : k;
    }

    private Map<String, String> fieldValues(byte[] buf, int off, int len) throws IOException {
        Map<String, Object> record = Records.decode(buf, off, len);
        Map<String, String> vars = new LinkedHashMap<>();
        for (String f : fields) {
            Object v = record;
            for (String part : f.split("\\.")) {
                v = v instanceof Map<?, ?> m ? m.get(part) : null;
            }
            vars.put(f, v == null ? "" : String.valueOf(v));
        }
        return vars;
    }

    private static Segment segment(String tag, EventStream s) {
        return new Segment(tag, s.array(), s.offset(), s.length(), s.count());
    }
}
