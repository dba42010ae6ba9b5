package io.floe.outputs.format;

import io.floe.codec.time.Strftime;
import io.floe.codec.time.Zones;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * How a formatter prints an event time, following Fluentd's time_type / time_format / localtime / utc /
 * timezone rules: {@code timezone} wins over the other two; no time_format means Ruby's
 * {@code Time#iso8601}, which writes {@code Z} for UTC and {@code +hh:mm} for a local or fixed zone.
 */
public final class TimeFormat {
    private static final Strftime ISO_OFFSET = Strftime.compile("%Y-%m-%dT%H:%M:%S%:z");
    private static final Strftime ISO_UTC = Strftime.compile("%Y-%m-%dT%H:%M:%SZ");

    /** The last second formatted: events of a chunk mostly share their second, as Fluentd's cache assumes. */
    private record Last(long sec, String text) {
    }

    private final FormatConfig.TimeType type;
    private final Strftime strftime;
    private final ZoneId zone;
    private final boolean cacheable;
    private volatile Last last = new Last(Long.MIN_VALUE, null);

    private TimeFormat(FormatConfig.TimeType type, Strftime strftime, ZoneId zone) {
        this.type = type;
        this.strftime = strftime;
        this.zone = zone;
        this.cacheable = !strftime.hasSubseconds();
    }

    /** @param localZone the zone Fluentd would call local time (the process's TZ). */
    public static TimeFormat of(FormatConfig c, ZoneId localZone) {
        ZoneId z;
        Strftime f;
        if (c.timezone() != null) {
            z = zone(c.timezone());
            f = c.timeFormat() != null ? Strftime.compile(c.timeFormat()) : ISO_OFFSET;
        } else if (c.localtime() && !c.utc()) {
            z = localZone;
            f = c.timeFormat() != null ? Strftime.compile(c.timeFormat()) : ISO_OFFSET;
        } else {
            z = ZoneOffset.UTC;
            f = c.timeFormat() != null ? Strftime.compile(c.timeFormat()) : ISO_UTC;
        }
        return new TimeFormat(c.timeType(), f, z);
    }

    public String format(long sec, int nsec) {
        return switch (type) {
            case UNIXTIME -> Long.toString(sec);
            case FLOAT -> floatSeconds(sec, nsec);
            default -> string(sec, nsec);
        };
    }

    private String string(long sec, int nsec) {
        if (!cacheable) {
            return strftime.format(sec, nsec, zone);
        }
        Last l = last;
        if (l.sec == sec) {
            return l.text;
        }
        String text = strftime.format(sec, 0, zone);
        last = new Last(sec, text);
        return text;
    }

    /** Fluentd's {@code time.to_r.truncate(6).to_f}, printed as Ruby prints a Float. */
    static String floatSeconds(long sec, int nsec) {
        StringBuilder b = new StringBuilder(24).append(sec).append('.');
        String micros = Integer.toString(nsec / 1000 + 1_000_000).substring(1);
        int end = micros.length();
        while (end > 1 && micros.charAt(end - 1) == '0') {
            end--;
        }
        return b.append(micros, 0, end).toString();
    }

    /** Fluentd's accepted {@code timezone} forms; throws with Fluentd's message for anything else. */
    public static ZoneId zone(String tz) {
        return Zones.parameter(tz);
    }
}
