package io.floe.filters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fluentd's record_accessor: a plain field name, or a path into nested maps and arrays written
 * {@code $.key1.key2[0]} (dot notation) or {@code $['key1']["key 2"][0]} (bracket notation). Parsed once;
 * reading a path through a value that is not a map (or, for an index, a list) gives null.
 */
public final class RecordAccessor {
    private final String text;
    private final String key;
    private final Object[] path;

    private RecordAccessor(String text, String key, Object[] path) {
        this.text = text;
        this.key = key;
        this.path = path;
    }

    /** @throws IllegalArgumentException with Fluentd's messages for a malformed path */
    public static RecordAccessor of(String param) {
        List<Object> keys;
        if (param.startsWith("$.")) {
            keys = dotNotation(param);
        } else if (param.startsWith("$[")) {
            keys = bracketNotation(param);
        } else {
            return new RecordAccessor(param, param, null);
        }
        if (keys.size() == 1 && keys.get(0) instanceof String only) {
            return new RecordAccessor(param, only, null);
        }
        return new RecordAccessor(param, null, keys.toArray());
    }

    public Object get(Map<String, Object> record) {
        if (key != null) {
            return record.get(key);
        }
        Object v = record;
        for (Object k : path) {
            v = step(v, k);
            if (v == null) {
                return null;
            }
        }
        return v;
    }

    /** Removes the field (Fluentd's {@code delete}); nothing happens when its parent is missing. */
    @SuppressWarnings("unchecked")
    public void delete(Map<String, Object> record) {
        if (key != null) {
            // through the key set: a lazily decoded record need not decode a value only to drop it
            record.keySet().remove(key);
            return;
        }
        Object parent = record;
        for (int i = 0; i < path.length - 1 && parent != null; i++) {
            parent = step(parent, path[i]);
        }
        Object last = path[path.length - 1];
        if (parent instanceof Map<?, ?> m && last instanceof String s) {
            ((Map<String, Object>) m).remove(s);
        } else if (parent instanceof List<?> l && last instanceof Integer i) {
            int at = i < 0 ? l.size() + i : i;
            if (at >= 0 && at < l.size()) {
                l.remove(at);
            }
        }
    }

    private static Object step(Object v, Object k) {
        if (k instanceof String s) {
            return v instanceof Map<?, ?> m ? m.get(s) : null;
        }
        if (v instanceof List<?> l) {
            int i = (Integer) k;
            int at = i < 0 ? l.size() + i : i;
            return at >= 0 && at < l.size() ? l.get(at) : null;
        }
        return null;
    }

    private static List<Object> dotNotation(String param) {
        List<Object> out = new ArrayList<>();
        for (String key : param.substring(2).split("\\.")) {
            if (key.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("whitespace character is not allowed in dot notation. Use bracket notation: " + key);
            }
            int bracket = key.indexOf('[');
            if (bracket < 0) {
                out.add(key);
                continue;
            }
            if (bracket > 0) {
                out.add(key.substring(0, bracket));
            }
            String rest = key.substring(bracket);
            while (!rest.isEmpty()) {
                int close = rest.indexOf(']');
                if (!rest.startsWith("[") || close < 0) {
                    throw new IllegalArgumentException(close < 0 ? "'[' found but ']' not found. Invalid syntax: " + param
                            : "found more characters after ']'. Invalid syntax: " + param);
                }
                out.add(index(rest.substring(1, close), param));
                rest = rest.substring(close + 1);
            }
        }
        if (out.isEmpty() || out.contains("")) {
            throw new IllegalArgumentException("empty keys in dot notation: " + param);
        }
        return out;
    }

    private static List<Object> bracketNotation(String param) {
        List<Object> out = new ArrayList<>();
        String rest = param.substring(1);
        while (!rest.isEmpty()) {
            if (rest.charAt(0) != '[') {
                throw new IllegalArgumentException("found more characters after ']'. Invalid syntax: " + param);
            }
            rest = rest.substring(1);
            char q = rest.isEmpty() ? 0 : rest.charAt(0);
            if (q == '\'' || q == '"') {
                int end = rest.indexOf(q + "]", 1);
                if (end < 0) {
                    throw new IllegalArgumentException("Incomplete bracket. Invalid syntax: " + param);
                }
                out.add(rest.substring(1, end));
                rest = rest.substring(end + 2);
            } else {
                int close = rest.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("'[' found but ']' not found. Invalid syntax: " + param);
                }
                out.add(index(rest.substring(0, close), param));
                rest = rest.substring(close + 1);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty keys in bracket notation: " + param);
        }
        return out;
    }

    private static Integer index(String s, String param) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("missing array index in '[]' or not an integer. Invalid syntax: " + param);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
