package io.floe.filters.kubernetes_metadata;

import io.floe.parsers.JsonValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * merge_json_log (fabric8 before version 2, Fluent Bit's Merge_Log): a container that prints JSON gets its
 * fields indexed. The line is the {@code log} field (Docker) or, when there is none, {@code message} (CRI);
 * when it is a JSON object its fields are added to the record, the record's own fields winning; anything
 * else is left as it is.
 */
final class JsonLogMerge {
    private final boolean preserve;

    JsonLogMerge(boolean preserve) {
        this.preserve = preserve;
    }

    Map<String, Object> apply(Map<String, Object> record) {
        String key = record.get("log") instanceof String ? "log" : record.get("message") instanceof String ? "message" : null;
        if (key == null) {
            return record;
        }
        String text = ((String) record.get(key)).strip();
        if (text.length() < 2 || text.charAt(0) != '{' || text.charAt(text.length() - 1) != '}') {
            return record;
        }
        Map<String, Object> fields = JsonValues.object(text);
        if (fields == null) {
            return record;
        }
        Map<String, Object> out = new LinkedHashMap<>(fields);
        out.putAll(record);
        if (!preserve) {
            out.remove(key);
        }
        return out;
    }
}
