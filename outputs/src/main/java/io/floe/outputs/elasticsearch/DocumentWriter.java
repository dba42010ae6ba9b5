package io.floe.outputs.elasticsearch;

import io.floe.codec.event.JsonBytes;
import io.floe.codec.event.JsonTranscoder;
import io.floe.codec.event.Records;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Streams one msgpack record into the JSON document the plugin would send, in a single pass over its bytes and
 * without building a map: {@code @timestamp} and the tag key are added (or replaced where the record has them,
 * keeping their place), the {@code target_index_key} field is removed, and the fields that name the index or the id
 * are picked up on the way. Keys are compared as UTF-8 bytes; only the values of those few fields become Java
 * objects. Not thread-safe: one per encoding.
 */
final class DocumentWriter {
    static final String TIMESTAMP = "@timestamp";

    /** What the writer needs from the config. */
    record Settings(boolean addTimestamp, String timeKey, boolean timeKeyExcludeTimestamp, boolean includeTagKey,
            String tagKey, String idKey, List<String> targetIndexKey, EsTime time, ZoneId localZone) {
    }

    /** What a top-level key is to the writer, in the order the plugin checks them. */
    private enum Role { TARGET_INDEX, TAG, TIMESTAMP, TIME_KEY, ID, PLAIN }

    private final Settings s;
    private final JsonBytes out = new JsonBytes(1024);
    private final JsonTranscoder t = new JsonTranscoder(out);
    private final byte[][] targetPath;
    private final byte[] tagKey;
    private final byte[] timestampKey = utf8(TIMESTAMP);
    private final byte[] timeKey;
    private final byte[] idKey;
    private final byte[] timestampField = utf8(",\"" + TIMESTAMP + "\":");
    private final byte[] tagField;
    private final TimestampJson timestamp;

    // The last tag's JSON string: a chunk's events mostly share one.
    private String lastTag;
    private final JsonBytes tagJson = new JsonBytes(64);

    // The local zone's offset at the last event's second.
    private long offsetSecond;
    private ZoneOffset localOffset;

    // What the last record held.
    private Object timestampValue;
    private Object timeKeyValue;
    private String targetIndex;
    private String id;
    private boolean tagSeen;
    private boolean timestampSeen;
    private EsTime.At at;

    DocumentWriter(Settings settings) {
        this.s = settings;
        this.timestamp = new TimestampJson(settings.time());
        List<String> path = settings.targetIndexKey();
        this.targetPath = path == null ? null : path.stream().map(DocumentWriter::utf8).toArray(byte[][]::new);
        this.tagKey = settings.includeTagKey() ? utf8(settings.tagKey()) : null;
        this.timeKey = settings.timeKey() == null ? null : utf8(settings.timeKey());
        this.idKey = settings.idKey() == null ? null : utf8(settings.idKey());
        JsonBytes field = new JsonBytes(32);
        if (settings.includeTagKey()) {
            field.put(',');
            field.string(settings.tagKey());
            field.put(':');
        }
        this.tagField = Arrays.copyOf(field.array(), field.size());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes the record; returns false (and writes nothing usable) when it is not a map. Afterwards {@link #document()}
     * holds the JSON, {@link #time()} the time that names a logstash index, {@link #targetIndex()} and {@link #id()}
     * the record's own values.
     */
    boolean write(byte[] buf, int off, int len, String tag, long sec, int nsec) throws IOException {
        out.reset();
        timestampValue = timeKeyValue = null;
        targetIndex = id = null;
        tagSeen = timestampSeen = false;
        t.begin(buf, off, len);
        int n = t.mapHeader();
        if (n < 0) {
            return false;
        }
        out.put('{');
        int fields = 0;
        for (int i = 0; i < n; i++) {
            Role role = role();
            if (role == Role.TARGET_INDEX) {
                fields += copyWithout(fields, 1);
                continue;
            }
            if (fields++ > 0) {
                out.put(',');
            }
            t.copyKey();
            switch (role) {
                case TAG -> {
                    tagSeen = true;
                    t.skip();
                    tag(tag);
                }
                case TIMESTAMP -> {
                    timestampSeen = true;
                    timestampValue = captured();
                }
                case TIME_KEY -> timeKeyValue = captured();
                case ID -> {
                    Object v = captured();
                    id = v == null || v instanceof Map || v instanceof List ? null : text(v);
                }
                default -> t.copy();
            }
        }
        at = null;
        if (s.addTimestamp() && !timestampSeen) {
            EsTime.At parsed = timeKeyValue != null ? s.time().parse(timeKeyValue) : null;
            at = parsed != null ? parsed : eventTime(sec, nsec);
            if (timeKeyValue == null || !s.timeKeyExcludeTimestamp()) {
                field(fields++, timestampField);
                timestamp.write(out, at.seconds(), at.nanos(), at.offset());
            }
        } else if (timestampSeen) {
            EsTime.At parsed = s.time().parse(timestampValue);
            at = parsed != null ? parsed : eventTime(sec, nsec);
        }
        if (s.includeTagKey() && !tagSeen) {
            field(fields++, tagField);
            tag(tag);
        }
        out.put('}');
        return true;
    }

    /** Ruby's {@code Time.at(time)}: the event time in the process's zone. */
    private EsTime.At eventTime(long sec, int nsec) {
        if (sec != offsetSecond || localOffset == null) {
            localOffset = EsTime.offsetAt(s.localZone(), sec);
            offsetSecond = sec;
        }
        return new EsTime.At(sec, nsec, localOffset);
    }

    JsonBytes document() {
        return out;
    }

    /** The time naming a logstash index: the record's {@code @timestamp} or time_key, else the event time. */
    EsTime.At time(long sec, int nsec) {
        return at != null ? at : eventTime(sec, nsec);
    }

    String targetIndex() {
        return targetIndex;
    }

    String id() {
        return id;
    }

    /** The role of the key at the cursor; reads nothing. */
    private Role role() throws IOException {
        if (!t.atString()) {
            return roleOf(String.valueOf(decodeNext()));   // rare: a number or other non-string key, by its printed form
        }
        if (targetPath != null && t.keyIs(targetPath[0])) {
            return Role.TARGET_INDEX;
        } else if (tagKey != null && t.keyIs(tagKey)) {
            return Role.TAG;
        } else if (s.addTimestamp() && t.keyIs(timestampKey)) {
            return Role.TIMESTAMP;
        } else if (timeKey != null && t.keyIs(timeKey)) {
            return Role.TIME_KEY;
        } else if (idKey != null && t.keyIs(idKey)) {
            return Role.ID;
        }
        return Role.PLAIN;
    }

    private Role roleOf(String key) {
        if (s.targetIndexKey() != null && key.equals(s.targetIndexKey().get(0))) {
            return Role.TARGET_INDEX;
        } else if (s.includeTagKey() && key.equals(s.tagKey())) {
            return Role.TAG;
        } else if (s.addTimestamp() && key.equals(TIMESTAMP)) {
            return Role.TIMESTAMP;
        } else if (key.equals(s.timeKey())) {
            return Role.TIME_KEY;
        } else if (key.equals(s.idKey())) {
            return Role.ID;
        }
        return Role.PLAIN;
    }

    /** The key at the cursor at {@code depth} of the target_index_key path. */
    private boolean onPath(int depth) throws IOException {
        if (t.atString()) {
            return t.keyIs(targetPath[depth]);
        }
        return String.valueOf(decodeNext()).equals(s.targetIndexKey().get(depth));
    }

    /** The value at the cursor as a Java value (Records' types); reads nothing. */
    private Object decodeNext() throws IOException {
        int start = t.position();
        if (t.atString()) {
            String v = t.readString();
            t.seek(start);
            return v;
        }
        t.skip();
        int end = t.position();
        t.seek(start);
        return Records.decodeValue(t.input(), start, end - start);
    }

    /** Writes the value at the cursor unchanged and returns it as a Java value. */
    private Object captured() throws IOException {
        Object v = decodeNext();
        t.copy();
        return v;
    }

    /** A scalar as text; an extension's bytes as UTF-8 (not the array's identity). */
    private static String text(Object v) {
        return v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(v);
    }

    private void field(int fieldsBefore, byte[] commaNameColon) {
        if (fieldsBefore > 0) {
            out.raw(commaNameColon);
        } else {
            out.raw(commaNameColon, 1, commaNameColon.length - 1);
        }
    }

    private void tag(String tag) {
        if (!tag.equals(lastTag)) {
            tagJson.reset();
            tagJson.string(tag);
            lastTag = tag;
        }
        out.raw(tagJson.array(), 0, tagJson.size());
    }

    /**
     * Copies the field at the cursor except the rest of the target_index_key path below it, whose value becomes the
     * target index (the plugin deletes it from the record). Depth is the path position of the field's children.
     * Returns the number of fields written at this level (0 or 1).
     */
    private int copyWithout(int fieldsBefore, int depth) throws IOException {
        int keyAt = t.position();
        if (depth == targetPath.length) {
            t.skip();
            Object v = decodeNext();
            if (v != null && !(v instanceof Map) && !(v instanceof List)) {
                t.skip();
                targetIndex = text(v);
                return 0;
            }
            t.seek(keyAt);   // not usable as an index name: the plugin leaves such a value in place
        }
        if (fieldsBefore > 0) {
            out.put(',');
        }
        t.copyKey();
        if (depth == targetPath.length) {
            t.copy();
            return 1;
        }
        int n = t.mapHeader();
        if (n < 0) {
            t.copy();
            return 1;
        }
        out.put('{');
        int fields = 0;
        for (int i = 0; i < n; i++) {
            if (onPath(depth)) {
                fields += copyWithout(fields, depth + 1);
            } else {
                if (fields++ > 0) {
                    out.put(',');
                }
                t.copyKey();
                t.copy();
            }
        }
        out.put('}');
        return 1;
    }
}
