package io.floe.filters.record_transformer;

import io.floe.codec.text.RubyValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compiles a {@code <record>} value into a {@link Template}, once, at start-up. */
final class TemplateCompiler {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]+\\}|__[A-Z_]+__");
    private static final Pattern INDEXED = Pattern.compile("\\$\\{(tag_parts|tag_prefix|tag_suffix)\\[(-?\\d+)\\]\\}");
    private static final Pattern RECORD = Pattern.compile("\\$\\{record((?:\\[(?:\"[^\"]*\"|'[^']*'|-?\\d+)\\])+)\\}");
    private static final Pattern STEP = Pattern.compile("\\[(?:\"([^\"]*)\"|'([^']*)'|(-?\\d+))\\]");

    private TemplateCompiler() {
    }

    /**
     * @param value        a string, or what a JSON value parsed to
     * @param autoTypecast a value that is one placeholder alone keeps the placeholder's type
     * @param unknown      receives each unknown placeholder, for the start-up warning
     */
    static Template compile(Object value, boolean autoTypecast, Consumer<String> unknown) {
        if (value instanceof String s) {
            return text(s, autoTypecast, unknown);
        }
        if (value instanceof Map<?, ?> m) {
            List<Template> keys = new ArrayList<>();
            List<Template> values = new ArrayList<>();
            m.forEach((k, v) -> {
                keys.add(text(String.valueOf(k), false, unknown));
                values.add(compile(v, autoTypecast, unknown));
            });
            return map(keys.toArray(new Template[0]), values.toArray(new Template[0]));
        }
        if (value instanceof List<?> l) {
            List<Template> items = new ArrayList<>();
            l.forEach(v -> items.add(compile(v, autoTypecast, unknown)));
            return list(items.toArray(new Template[0]));
        }
        return constant(value);
    }

    private static Template text(String s, boolean autoTypecast, Consumer<String> unknown) {
        Matcher m = PLACEHOLDER.matcher(s);
        List<Object> parts = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                parts.add(s.substring(last, m.start()));
            }
            parts.add(placeholder(m.group(), unknown));
            last = m.end();
        }
        if (last < s.length()) {
            parts.add(s.substring(last));
        }
        if (parts.isEmpty()) {
            return constant(s);
        }
        if (parts.size() == 1) {
            Object only = parts.get(0);
            if (only instanceof String) {
                return constant(s);
            }
            if (autoTypecast) {
                return (Template) only;
            }
        }
        return concat(parts.toArray());
    }

    /** One placeholder: what it reads from the context; alone in a value with auto_typecast, it keeps that type. */
    private static Template placeholder(String p, Consumer<String> unknown) {
        switch (p) {
            case "${tag}":
                return c -> c.tag.tag;
            case "${hostname}":
                return c -> c.hostname;
            case "${time}":
                return Template.Context::timeText;
            default:
                break;
        }
        Matcher m = INDEXED.matcher(p);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(2));
            return switch (m.group(1)) {
                case "tag_parts" -> c -> c.tag.part(i);
                case "tag_prefix" -> c -> c.tag.prefix(i);
                default -> c -> c.tag.suffix(i);
            };
        }
        m = RECORD.matcher(p);
        if (m.matches()) {
            return recordPath(m.group(1));
        }
        unknown.accept(p);
        return c -> null;
    }

    private static Template recordPath(String steps) {
        List<Object> path = new ArrayList<>();
        Matcher s = STEP.matcher(steps);
        while (s.find()) {
            path.add(s.group(1) != null ? s.group(1) : s.group(2) != null ? s.group(2) : (Object) Integer.valueOf(s.group(3)));
        }
        if (path.size() == 1 && path.get(0) instanceof String key) {
            return c -> c.record.get(key);
        }
        Object[] p = path.toArray();
        return c -> dig(c.record, p);
    }

    private static Object dig(Object v, Object[] path) {
        for (Object k : path) {
            if (k instanceof String s && v instanceof Map<?, ?> m) {
                v = m.get(s);
            } else if (k instanceof Integer i && v instanceof List<?> l) {
                int at = i < 0 ? l.size() + i : i;
                v = at >= 0 && at < l.size() ? l.get(at) : null;
            } else {
                return null;
            }
        }
        return v;
    }

    /** A value without placeholders. */
    private static Template constant(Object value) {
        return c -> value;
    }

    /** Text with placeholders: each printed as Ruby's to_s (nil as nothing). */
    private static Template concat(Object[] parts) {
        return c -> {
            StringBuilder b = new StringBuilder(64);
            for (Object p : parts) {
                b.append(p instanceof String s ? s : RubyValues.toS(((Template) p).eval(c)));
            }
            return b.toString();
        };
    }

    private static Template map(Template[] keys, Template[] values) {
        return c -> {
            Map<String, Object> out = new LinkedHashMap<>(keys.length * 2);
            for (int i = 0; i < keys.length; i++) {
                out.put(RubyValues.toS(keys[i].eval(c)), values[i].eval(c));
            }
            return out;
        };
    }

    private static Template list(Template[] items) {
        return c -> {
            List<Object> out = new ArrayList<>(items.length);
            for (Template t : items) {
                out.add(t.eval(c));
            }
            return out;
        };
    }
}
