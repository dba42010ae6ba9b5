package io.floe.parsers;

import io.floe.codec.event.EventTime;
import io.floe.parsers.ParseConfig.TimeType;
import io.floe.parsers.time.TimeParser;
import io.floe.parsers.time.TimeParsers;
import io.floe.codec.time.Zones;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * What Fluentd's Parser base class gives every parser: the time field ({@code time_key},
 * {@code keep_time_key}, {@code time_type}, {@code time_format}, the zone settings), the current time when
 * there is none ({@code estimate_current_event}), and {@code types} / null conversion.
 */
public abstract class ParserBase implements Parser {

    /** The defaults a parser type sets for the common parameters (Fluentd's {@code config_set_default}). */
    public record Defaults(String timeKey, TimeType timeType, String timeFormat, boolean keepTimeKey) {
        public static final Defaults PLAIN = new Defaults(null, TimeType.STRING, null, false);
        /** Parsers that read a {@code time} field: regexp and the parsers built on it, ltsv. */
        public static final Defaults TIME_FIELD = new Defaults("time", TimeType.STRING, null, false);

        public Defaults withTimeFormat(String format) {
            return new Defaults(timeKey, timeType, format, keepTimeKey);
        }
    }

    protected final ParseConfig config;
    protected final ParserEnv env;
    protected final String timeKey;
    protected final boolean keepTimeKey;
    protected final boolean estimateCurrentEvent;
    /** The zone of times written without an offset. */
    protected final ZoneId zone;
    protected final TimeParser timeParser;
    private final ValueConverter converter;

    protected ParserBase(ParseConfig c, ParserEnv env, Defaults d) {
        this.config = c;
        this.env = env;
        this.timeKey = c.timeKey() != null ? c.timeKey() : d.timeKey();
        this.keepTimeKey = c.keepTimeKey() != null ? c.keepTimeKey() : d.keepTimeKey();
        this.estimateCurrentEvent = c.estimateCurrentEvent();
        this.zone = zone(c, env);
        this.timeParser = timeParser(c, d, zone);
        this.converter = ValueConverter.create(c, localOrUtc(c, env), env.clock());
    }

    /** A time parser for this section's zone and type, with another format (syslog's RFC 5424 one). */
    protected final TimeParser timeParser(ParseConfig c, Defaults d, ZoneId z) {
        String format = c.timeFormat() != null ? c.timeFormat() : d.timeFormat();
        // json reads a float time unless a time_format is given.
        TimeType type = c.timeType() != null ? c.timeType() : c.timeFormat() != null ? TimeType.STRING : d.timeType();
        return TimeParsers.create(type, format, c.timeFormatFallbacks(), z, env.clock());
    }

    /** Fluentd's {@code timezone}, {@code utc} and {@code localtime}: the zone of a time without an offset. */
    static ZoneId zone(ParseConfig c, ParserEnv env) {
        if (c.utc() != null && c.localtime() != null) {
            throw new IllegalArgumentException("both of utc and localtime are specified, use only one of them");
        }
        if (c.timezone() != null) {
            return Zones.parameter(c.timezone());
        }
        return localOrUtc(c, env);
    }

    private static ZoneId localOrUtc(ParseConfig c, ParserEnv env) {
        boolean utc = Boolean.TRUE.equals(c.utc()) || Boolean.FALSE.equals(c.localtime());
        return utc ? ZoneOffset.UTC : env.localZone();
    }

    /** Fluentd's {@code parse_time}: takes the time field out of the record (unless keep_time_key) and reads it. */
    protected final EventTime parseTime(Map<String, Object> record) {
        if (timeKey != null) {
            Object v = keepTimeKey ? record.get(timeKey) : record.remove(timeKey);
            if (v != null) {
                return timeParser.parse(v);
            }
        }
        return estimate();
    }

    /** The current time when estimate_current_event is on, else null (the caller keeps its own time). */
    protected final EventTime estimate() {
        return estimateCurrentEvent ? env.clock().get() : null;
    }

    /** Reads the time field, applies {@code types} and the null rules, and hands the event on. */
    protected final void emit(Map<String, Object> record, Sink sink) {
        EventTime t = parseTime(record);
        convert(record);
        sink.accept(t, record);
    }

    protected final void convert(Map<String, Object> record) {
        if (converter != null) {
            converter.convert(record);
        }
    }
}
