package io.floe.parsers;

import io.floe.codec.event.EventTime;
import io.floe.codec.text.RubyValues;
import io.floe.codec.time.Zones;
import io.floe.parsers.ParseConfig.TimeType;
import io.floe.parsers.regex.RubyRegex;
import io.floe.parsers.time.TimeParser;
import io.floe.parsers.time.TimeParsers;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Fluentd's {@code convert_values}: {@code null_empty_string}, {@code null_value_pattern} (a match anywhere
 * in the string, as Ruby's {@code =~}), then {@code types}. Null values are left alone. A {@code time}
 * conversion stores the epoch seconds (how Floe reads an EventTime inside a record); one that fails is null.
 */
final class ValueConverter {
    private static final Set<String> TRUTHY = Set.of("true", "yes", "1");

    private final boolean nullEmpty;
    private final RubyRegex nullPattern;
    private final Map<String, Function<Object, Object>> converters;

    private ValueConverter(boolean nullEmpty, RubyRegex nullPattern, Map<String, Function<Object, Object>> converters) {
        this.nullEmpty = nullEmpty;
        this.nullPattern = nullPattern;
        this.converters = converters;
    }

    /** Null when the section asks for no conversion, so parsers skip the pass over the record. */
    static ValueConverter create(ParseConfig c, ZoneId localTimeZone, Supplier<EventTime> clock) {
        RubyRegex nullPattern = c.nullValuePattern() == null ? null : RubyRegex.fromConfig(c.nullValuePattern());
        Map<String, Function<Object, Object>> conv = new HashMap<>();
        if (c.types() != null) {
            c.types().forEach((key, def) -> conv.put(key, converter(key, def, localTimeZone, clock)));
        }
        if (!c.nullEmptyString() && nullPattern == null && conv.isEmpty()) {
            return null;
        }
        return new ValueConverter(c.nullEmptyString(), nullPattern, Map.copyOf(conv));
    }

    void convert(Map<String, Object> record) {
        for (Map.Entry<String, Object> e : record.entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            if (v instanceof String s && ((nullEmpty && s.isEmpty()) || (nullPattern != null && nullPattern.find(s)))) {
                e.setValue(null);
                continue;
            }
            Function<Object, Object> f = converters.get(e.getKey());
            if (f != null) {
                e.setValue(f.apply(v));
            }
        }
    }

    private static Function<Object, Object> converter(String key, String def, ZoneId local, Supplier<EventTime> clock) {
        int colon = def.indexOf(':');
        String type = colon < 0 ? def : def.substring(0, colon);
        String option = colon < 0 ? null : def.substring(colon + 1);
        return switch (type) {
            case "string" -> RubyValues::toS;
            case "integer" -> RubyValues::toI;
            case "float" -> RubyValues::toF;
            case "bool" -> v -> TRUTHY.contains(RubyValues.toS(v).toLowerCase(Locale.ROOT));
            case "array" -> {
                String delimiter = option == null ? "," : option;
                yield v -> RubyValues.split(RubyValues.toS(v), delimiter, 0);
            }
            case "time" -> {
                TimeParser p = timeParser(option, local, clock);
                yield v -> {
                    try {
                        return p.parse(v).seconds();
                    } catch (RuntimeException e) {
                        return null;
                    }
                };
            }
            default -> throw new IllegalArgumentException("unknown value conversion for key:'" + key + "', type:'" + type + "'");
        };
    }

    /** {@code time}, {@code time:FORMAT}, {@code time:TIMEZONE:FORMAT}, {@code time:unixtime}, {@code time:float}. */
    private static TimeParser timeParser(String option, ZoneId local, Supplier<EventTime> clock) {
        if (option == null) {
            return TimeParsers.string(null, local, clock);
        }
        String format = option;
        ZoneId zone = local;
        int colon = option.indexOf(':');
        if (colon > 0) {
            try {
                zone = Zones.parameter(option.substring(0, colon));
                format = option.substring(colon + 1);
            } catch (IllegalArgumentException notAZone) {
                // the whole option is the format
            }
        }
        if (format.equals("unixtime") || format.equals("float")) {
            return TimeParsers.create(TimeType.valueOf(format.toUpperCase(Locale.ROOT)), null, null, zone, clock);
        }
        return TimeParsers.string(format, zone, clock);
    }
}
