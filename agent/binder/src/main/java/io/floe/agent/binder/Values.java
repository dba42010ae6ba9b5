package io.floe.agent.binder;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.api.config.Durations;
import io.floe.api.config.Size;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Converts a parameter's text to the Java type of its component, with Fluentd's rules for each type. */
final class Values {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Values() {
    }

    static Object convert(String text, Class<?> type, Type generic) {
        if (type == String.class) {
            return text;
        }
        if (type == int.class || type == Integer.class) {
            return (int) integer(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (type == long.class || type == Long.class) {
            return integer(text, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (type == double.class || type == Double.class) {
            try {
                return Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number, got '" + text + "'");
            }
        }
        if (type == boolean.class || type == Boolean.class) {
            return bool(text);
        }
        if (type == Size.class) {
            return Size.parse(text);
        }
        if (type == Duration.class) {
            return Durations.parse(text);
        }
        if (type.isEnum()) {
            return enumValue(text, type);
        }
        if (type == List.class) {
            return array(text);
        }
        if (type == Map.class) {
            return hash(text);
        }
        throw new IllegalStateException("unsupported config type " + generic);
    }

    private static long integer(String text, long min, long max) {
        try {
            long v = Long.parseLong(text.trim());
            if (v < min || v > max) {
                throw new IllegalArgumentException("integer " + v + " is out of range");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer, got '" + text + "'");
        }
    }

    /** Fluentd: true/yes/empty (a key without value) are true; false/no are false. */
    static boolean bool(String text) {
        switch (text.trim()) {
            case "", "true", "yes":
                return true;
            case "false", "no":
                return false;
            default:
                throw new IllegalArgumentException("expected true or false, got '" + text + "'");
        }
    }

    private static Object enumValue(String text, Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Object c : type.getEnumConstants()) {
            String n = ((Enum<?>) c).name().toLowerCase(Locale.ROOT);
            if (n.equals(text.trim())) {
                return c;
            }
            names.add(n);
        }
        throw new IllegalArgumentException("'" + text + "' is not one of " + String.join(", ", names));
    }

    /** {@code a,b,c} or a JSON array. */
    static List<String> array(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return List.of();
        }
        if (t.startsWith("[")) {
            try {
                List<Object> raw = JSON.readValue(t, new TypeReference<List<Object>>() { });
                List<String> out = new ArrayList<>();
                for (Object o : raw) {
                    out.add(String.valueOf(o));
                }
                return List.copyOf(out);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("invalid JSON array '" + text + "'");
            }
        }
        List<String> out = new ArrayList<>();
        for (String part : t.split(",")) {
            out.add(part.trim());
        }
        return List.copyOf(out);
    }

    /** {@code k:v,k2:v2} or a JSON object. */
    static Map<String, String> hash(String text) {
        String t = text.trim();
        Map<String, String> out = new LinkedHashMap<>();
        if (t.isEmpty()) {
            return out;
        }
        if (t.startsWith("{")) {
            try {
                Map<String, Object> raw = JSON.readValue(t, new TypeReference<Map<String, Object>>() { });
                raw.forEach((k, v) -> out.put(k, v instanceof String s ? s : String.valueOf(v)));
                return out;
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("invalid JSON hash '" + text + "'");
            }
        }
        for (String part : t.split(",")) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("expected key:value pairs, got '" + part.trim() + "'");
            }
            out.put(part.substring(0, colon).trim(), part.substring(colon + 1).trim());
        }
        return out;
    }
}
