package io.floe.filters.record_transformer;

import io.floe.codec.event.EventTime;
import io.floe.codec.text.RubyValues;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code <record>} value compiled once into a small program: literal text and placeholders, or a JSON
 * map/array of such values. Placeholders are Fluentd's ({@code ${tag}}, {@code ${tag_parts[N]}},
 * {@code ${tag_prefix[N]}}, {@code ${tag_suffix[N]}}, {@code ${hostname}}, {@code ${time}},
 * {@code ${record["key"]}}) plus nested record access ({@code ${record["a"]["b"]}}, {@code ['a']}, {@code [0]})
 * that Fluentd only offers with enable_ruby. Anything else in {@code ${...}}, and {@code __UPPER_CASE__}
 * words, are unknown placeholders, which Fluentd replaces by nothing: so does Floe, warning at start-up.
 */
abstract class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]+\\}|__[A-Z_]+__");
    private static final Pattern INDEXED = Pattern.compile("\\$\\{(tag_parts|tag_prefix|tag_suffix)\\[(-?\\d+)\\]\\}");
    private static final Pattern RECORD = Pattern.compile("\\$\\{record((?:\\[(?:\"[^\"]*\"|'[^']*'|-?\\d+)\\])+)\\}");
    private static final Pattern STEP = Pattern.compile("\\[(?:\"([^\"]*)\"|'([^']*)'|(-?\\d+))\\]");
    private static final DateTimeFormatter RUBY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx");

    /** What a placeholder reads from. */
    static final class Context {
        TagParts tag;
        Map<String, Object> record;
        EventTime time;
        String hostname;
        ZoneId zone;
        private String timeText;

        /** Ruby's {@code Time.at(time).to_s}, in local time; made only when a template asks. */
        String timeText() {
            if (timeText == null) {
                timeText = RUBY_TIME.format(time.toInstant().atZone(zone));
            }
            return timeText;
        }
    }

    abstract Object eval(Context c);

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
            return new MapTemplate(keys.toArray(new Template[0]), values.toArray(new Template[0]));
        }
        if (value instanceof List<?> l) {
            List<Template> items = new ArrayList<>();
            l.forEach(v -> items.add(compile(v, autoTypecast, unknown)));
            return new ListTemplate(items.toArray(new Template[0]));
        }
        return new Constant(value);
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
            return new Constant(s);
        }
        if (parts.size() == 1) {
            Object only = parts.get(0);
            if (only instanceof String) {
                return new Constant(s);
            }
            if (autoTypecast) {
                return (Template) only;
            }
        }
        return new Concat(parts.toArray());
    }

    private static Template placeholder(String p, Consumer<String> unknown) {
        switch (p) {
            case "${tag}":
                return new Ref(c -> c.tag.tag);
            case "${hostname}":
                return new Ref(c -> c.hostname);
            case "${time}":
                return new Ref(Context::timeText);
            default:
                break;
        }
        Matcher m = INDEXED.matcher(p);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(2));
            return switch (m.group(1)) {
                case "tag_parts" -> new Ref(c -> c.tag.part(i));
                case "tag_prefix" -> new Ref(c -> c.tag.prefix(i));
                default -> new Ref(c -> c.tag.suffix(i));
            };
        }
        m = RECORD.matcher(p);
        if (m.matches()) {
            return recordPath(m.group(1));
        }
        unknown.accept(p);
        return new Ref(c -> null);
    }

    private static Template recordPath(String steps) {
        List<Object> path = new ArrayList<>();
        Matcher s = STEP.matcher(steps);
        while (s.find()) {
            path.add(s.group(1) != null ? s.group(1) : s.group(2) != null ? s.group(2) : (Object) Integer.valueOf(s.group(3)));
        }
        if (path.size() == 1 && path.get(0) instanceof String key) {
            return new Ref(c -> c.record.get(key));
        }
        Object[] p = path.toArray();
        return new Ref(c -> dig(c.record, p));
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
    private static final class Constant extends Template {
        private final Object value;

        Constant(Object value) {
            this.value = value;
        }

        @Override
        Object eval(Context c) {
            return value;
        }
    }

    /** One placeholder; alone in a value with auto_typecast it keeps its type. */
    private static final class Ref extends Template {
        private final java.util.function.Function<Context, Object> read;

        Ref(java.util.function.Function<Context, Object> read) {
            this.read = read;
        }

        @Override
        Object eval(Context c) {
            return read.apply(c);
        }
    }

    /** Text with placeholders: each printed as Ruby's to_s (nil as nothing). */
    private static final class Concat extends Template {
        private final Object[] parts;

        Concat(Object[] parts) {
            this.parts = parts;
        }

        @Override
        Object eval(Context c) {
            StringBuilder b = new StringBuilder(64);
            for (Object p : parts) {
                b.append(p instanceof String s ? s : RubyValues.toS(((Template) p).eval(c)));
            }
            return b.toString();
        }
    }

    private static final class MapTemplate extends Template {
        private final Template[] keys;
        private final Template[] values;

        MapTemplate(Template[] keys, Template[] values) {
            this.keys = keys;
            this.values = values;
        }

        @Override
        Object eval(Context c) {
            Map<String, Object> out = new LinkedHashMap<>(keys.length * 2);
            for (int i = 0; i < keys.length; i++) {
                out.put(RubyValues.toS(keys[i].eval(c)), values[i].eval(c));
            }
            return out;
        }
    }

    private static final class ListTemplate extends Template {
        private final Template[] items;

        ListTemplate(Template[] items) {
            this.items = items;
        }

        @Override
        Object eval(Context c) {
            List<Object> out = new ArrayList<>(items.length);
            for (Template t : items) {
                out.add(t.eval(c));
            }
            return out;
        }
    }
}
