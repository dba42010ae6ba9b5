package io.floe.parsers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The named columns of csv and tsv: their {@code keys} (required), and a row's values put under them. */
public final class Columns {
    private final String[] keys;

    public Columns(List<String> keys, String type) {
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("'keys' parameter is required for <parse> @type " + type);
        }
        this.keys = keys.toArray(new String[0]);
    }

    public int size() {
        return keys.length;
    }

    public String key(int i) {
        return keys[i];
    }

    /** An empty record with room for every column. */
    public Map<String, Object> newRecord() {
        return new LinkedHashMap<>(keys.length * 2);
    }

    /** The row as a record: every key, with null where the row has fewer values. */
    public Map<String, Object> record(List<String> values) {
        Map<String, Object> record = newRecord();
        for (int i = 0; i < keys.length; i++) {
            record.put(keys[i], i < values.size() ? values.get(i) : null);
        }
        return record;
    }
}
