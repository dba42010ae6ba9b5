package io.floe.outputs.elasticsearch;

import com.fasterxml.jackson.core.JsonGenerator;
import io.floe.api.event.MsgpackJson;
import io.floe.api.event.Records;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;
import org.msgpack.value.ValueType;

/**
 * Streams one msgpack record into the JSON document the plugin would send, in a single pass and without building a
 * map: {@code @timestamp} and the tag key are added (or replaced where the record has them, keeping their place),
 * the {@code target_index_key} field is removed, and the fields that name the index or the id are picked up on the
 * way. Not thread-safe: one per encoding.
 */
final class DocumentWriter {
    static final String TIMESTAMP = "@timestamp";

    /** What the writer needs from the config. */
    record Settings(boolean addTimestamp, String timeKey, boolean timeKeyExcludeTimestamp, boolean includeTagKey,
            String tagKey, String idKey, List<String> targetIndexKey, EsTime time, ZoneId localZone) {
    }

    private final Settings s;
    private final ByteSink out = new ByteSink(1024);
    private final JsonGenerator g;
    private final ArrayBufferInput input = new ArrayBufferInput(new byte[0]);
    private final MessageUnpacker u = MessagePack.newDefaultUnpacker(input);
    private final StringBuilder text = new StringBuilder(40);

    // What the last record held.
    private Object timestampValue;
    private Object timeKeyValue;
    private String targetIndex;
    private String id;
    private boolean tagSeen;
    private boolean timestampSeen;
    private EsTime.At at;

    DocumentWriter(Settings settings) throws IOException {
        this.s = settings;
        this.g = MsgpackJson.generator(out);
        g.setRootValueSeparator(null);
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
        input.reset(buf, off, len);
        u.reset(input);
        if (u.getNextFormat().getValueType() != ValueType.MAP) {
            return false;
        }
        int n = u.unpackMapHeader();
        g.writeStartObject();
        for (int i = 0; i < n; i++) {
            String key = key();
            if (s.targetIndexKey() != null && key.equals(s.targetIndexKey().get(0))) {
                copyWithout(key, 1);
            } else if (s.includeTagKey() && key.equals(s.tagKey())) {
                tagSeen = true;
                u.skipValue();
                g.writeStringField(key, tag);
            } else if (s.addTimestamp() && key.equals(TIMESTAMP)) {
                timestampSeen = true;
                timestampValue = captured(key);
            } else if (key.equals(s.timeKey())) {
                timeKeyValue = captured(key);
            } else if (key.equals(s.idKey())) {
                Object v = captured(key);
                id = v == null || v instanceof Map || v instanceof List ? null : String.valueOf(v);
            } else {
                g.writeFieldName(key);
                MsgpackJson.copy(u, g);
            }
        }
        at = null;
        if (s.addTimestamp() && !timestampSeen) {
            EsTime.At t = timeKeyValue != null ? s.time().parse(timeKeyValue) : null;
            at = t != null ? t : eventTime(sec, nsec);
            if (timeKeyValue == null || !s.timeKeyExcludeTimestamp()) {
                text.setLength(0);
                s.time().format(text, at.seconds(), at.nanos(), at.offset());
                g.writeStringField(TIMESTAMP, text.toString());
            }
        } else if (timestampSeen) {
            EsTime.At t = s.time().parse(timestampValue);
            at = t != null ? t : eventTime(sec, nsec);
        }
        if (s.includeTagKey() && !tagSeen) {
            g.writeStringField(s.tagKey(), tag);
        }
        g.writeEndObject();
        g.flush();
        return true;
    }

    /** Ruby's {@code Time.at(time)}: the event time in the process's zone. */
    private EsTime.At eventTime(long sec, int nsec) {
        return new EsTime.At(sec, nsec, EsTime.offsetAt(s.localZone(), sec));
    }

    ByteSink document() {
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

    private String key() throws IOException {
        if (u.getNextFormat().getValueType() == ValueType.STRING) {
            return u.unpackString();
        }
        return String.valueOf(Records.read(u));
    }

    /** Reads a value the writer needs, and writes it out unchanged. */
    private Object captured(String key) throws IOException {
        Object v = Records.read(u);
        g.writeFieldName(key);
        writeValue(v);
        return v;
    }

    /**
     * Copies the field {@code key} except the rest of the target_index_key path below it, whose value becomes the
     * target index (the plugin deletes it from the record). Depth is the path position of the field's children.
     */
    private void copyWithout(String key, int depth) throws IOException {
        List<String> path = s.targetIndexKey();
        if (depth == path.size()) {
            Object v = Records.read(u);
            if (v == null || v instanceof Map || v instanceof List) {
                g.writeFieldName(key);   // not usable as an index name: the plugin leaves such a value in place
                writeValue(v);
            } else {
                targetIndex = v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(v);
            }
            return;
        }
        g.writeFieldName(key);
        if (u.getNextFormat().getValueType() != ValueType.MAP) {
            MsgpackJson.copy(u, g);
            return;
        }
        int n = u.unpackMapHeader();
        g.writeStartObject();
        for (int i = 0; i < n; i++) {
            String k = key();
            if (k.equals(path.get(depth))) {
                copyWithout(k, depth + 1);
            } else {
                g.writeFieldName(k);
                MsgpackJson.copy(u, g);
            }
        }
        g.writeEndObject();
    }

    private void writeValue(Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String str) {
            g.writeString(str);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof byte[] b) {
            g.writeString(new String(b, StandardCharsets.ISO_8859_1));
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                writeValue(o);
            }
            g.writeEndArray();
        } else {
            g.writeString(String.valueOf(v));
        }
    }
}
