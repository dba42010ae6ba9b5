package io.floe.parsers.time;

import io.floe.codec.event.EventTime;
import io.floe.codec.text.RubyText;
import io.floe.codec.text.RubyValues;
import io.floe.codec.time.IsoTime;
import io.floe.codec.time.RubyTimeParse;
import io.floe.codec.time.Strptime;
import io.floe.parsers.ParseConfig.TimeType;
import io.floe.parsers.ParserException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Builds the time parser a {@code <parse>} section asks for, following Fluentd's time_type rules. */
public final class TimeParsers {
    /** Fluentd's special time_format that reads ISO 8601 ({@code Time.iso8601}). */
    public static final String ISO8601 = "%iso8601";

    private TimeParsers() {
    }

    /**
     * @param type      string, unixtime, float or mixed
     * @param format    the strptime format, {@link #ISO8601}, or null (guess as Ruby's Time.parse)
     * @param fallbacks mixed: formats tried after {@code format}
     * @param zone      the zone of a time text without an offset
     */
    public static TimeParser create(TimeType type, String format, List<String> fallbacks, ZoneId zone, Supplier<EventTime> clock) {
        return switch (type) {
            case UNIXTIME -> unixtime();
            case FLOAT -> floatTime();
            case MIXED -> mixed(format, fallbacks, zone, clock);
            default -> string(format, zone, clock);
        };
    }

    /** A time text in the given format; the value must be a string, as in Fluentd. */
    public static TimeParser string(String format, ZoneId zone, Supplier<EventTime> clock) {
        Reader reader;
        if (format == null) {
            reader = s -> RubyTimeParse.parse(s, zone, clock);
        } else if (format.equals(ISO8601)) {
            reader = s -> {
                EventTime t = IsoTime.parse(s, zone, clock);
                if (t == null) {
                    throw new IllegalArgumentException("invalid xmlschema format: \"" + s + "\"");
                }
                return t;
            };
        } else {
            Strptime f = Strptime.compile(format);
            reader = s -> f.parse(s, zone, clock);
        }
        return new CachingParser(reader);
    }

    /** Ruby's {@code value.to_i} seconds. */
    public static TimeParser unixtime() {
        return v -> {
            requireScalar(v);
            Object i = RubyValues.toI(v);
            return new EventTime(i instanceof Long l ? l : 0, 0);
        };
    }

    /** Seconds with a fraction: the digits after the point, cut to nine, as Fluentd reads them. */
    public static TimeParser floatTime() {
        return v -> {
            requireScalar(v);
            String s = v instanceof Double || v instanceof Float ? RubyText.floatToS(((Number) v).doubleValue()) : RubyValues.toS(v);
            int dot = s.indexOf('.');
            Object sec = RubyValues.toI(dot < 0 ? s : s.substring(0, dot));
            int nanos = 0;
            if (dot >= 0) {
                int digits = 0;
                for (int i = dot + 1; i < s.length() && digits < 9 && Character.isDigit(s.charAt(i)); i++, digits++) {
                    nanos = nanos * 10 + (s.charAt(i) - '0');
                }
                for (; digits < 9; digits++) {
                    nanos *= 10;
                }
            }
            return new EventTime(sec instanceof Long l ? l : 0, nanos);
        };
    }

    private static TimeParser mixed(String format, List<String> fallbacks, ZoneId zone, Supplier<EventTime> clock) {
        List<String> formats = new ArrayList<>();
        if (format != null) {
            formats.add(format);
        }
        if (fallbacks != null) {
            formats.addAll(fallbacks);
        }
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("time_type mixed needs time_format or time_format_fallbacks");
        }
        List<TimeParser> parsers = new ArrayList<>();
        List<Boolean> numeric = new ArrayList<>();
        for (String f : formats) {
            boolean num = f.equals("unixtime") || f.equals("float");
            numeric.add(num);
            parsers.add(f.equals("unixtime") ? unixtime() : f.equals("float") ? floatTime() : string(f, zone, clock));
        }
        return v -> {
            for (int i = 0; i < parsers.size(); i++) {
                // A numeric fallback only takes values that are numbers (Ruby's Float(value) succeeds).
                if (numeric.get(i) && !isNumber(v)) {
                    continue;
                }
                try {
                    return parsers.get(i).parse(v);
                } catch (ParserException e) {
                    // next fallback
                }
            }
            throw new ParserException("invalid time format: value = " + v + ", even though fallbacks: " + String.join(",", formats));
        };
    }

    private static boolean isNumber(Object v) {
        if (v instanceof Number) {
            return true;
        }
        if (!(v instanceof String s)) {
            return false;
        }
        try {
            Double.parseDouble(s.strip().replace("_", ""));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void requireScalar(Object v) {
        if (!(v instanceof String) && !(v instanceof Number)) {
            throw new ParserException("value must be a string or a number: " + RubyValues.toS(v) + "(" + rubyClass(v) + ")");
        }
    }

    static String rubyClass(Object v) {
        return v == null ? "NilClass" : v instanceof Boolean b ? (b ? "TrueClass" : "FalseClass")
                : v instanceof java.util.Map ? "Hash" : v instanceof List ? "Array" : v.getClass().getSimpleName();
    }

    @FunctionalInterface
    private interface Reader {
        EventTime read(String s);
    }

    /** Remembers the last two texts, as Fluentd's TimeParser does: log lines mostly repeat their second. */
    private static final class CachingParser implements TimeParser {
        private record Entry(String text, EventTime time) {
        }

        private final Reader reader;
        private volatile Entry last = new Entry(null, null);
        private volatile Entry previous = new Entry(null, null);

        CachingParser(Reader reader) {
            this.reader = reader;
        }

        @Override
        public EventTime parse(Object value) {
            if (!(value instanceof String s)) {
                throw new ParserException("value must be string: " + RubyValues.toS(value));
            }
            Entry l = last;
            if (s.equals(l.text)) {
                return l.time;
            }
            Entry p = previous;
            if (s.equals(p.text)) {
                return p.time;
            }
            EventTime t;
            try {
                t = reader.read(s);
            } catch (RuntimeException e) {
                throw new ParserException("invalid time format: value = " + s + ", error_class = ArgumentError, error = "
                        + e.getMessage());
            }
            previous = l;
            last = new Entry(s, t);
            return t;
        }
    }
}
