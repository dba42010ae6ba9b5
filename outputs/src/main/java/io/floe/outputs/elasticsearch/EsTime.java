package io.floe.outputs.elasticsearch;

import io.floe.codec.event.EventTime;
import io.floe.codec.time.Strptime;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * The {@code @timestamp} values the plugin writes and reads. It writes Ruby's {@code DateTime#iso8601(precision)}:
 * truncated fraction digits and a {@code +hh:mm} offset, never {@code Z}. It reads a record's own time the way
 * {@code time_key_format} (Ruby's {@code DateTime.strptime}) or, without one, a lenient ISO-8601 parse would;
 * numbers are epoch seconds.
 */
final class EsTime {
    /** A point in time and the offset it was written in (kept for {@code utc_index false}). */
    record At(long seconds, int nanos, ZoneOffset offset) {
    }

    private static final DateTimeFormatter ISO_LENIENT = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().optionalStart().appendLiteral('T').optionalEnd().optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private final int precision;
    /** The time_key_format, or null for ISO-8601. */
    private final Strptime format;
    private final boolean epochSeconds;

    /** @param timeKeyFormat strptime format of record times, or null for ISO-8601 */
    EsTime(int precision, String timeKeyFormat) {
        if (precision < 0 || precision > 9) {
            throw new IllegalArgumentException("time_precision must be between 0 and 9, got " + precision);
        }
        this.precision = precision;
        // "%s" alone: epoch seconds as text, read as the number it is, so a fraction is kept too.
        this.epochSeconds = "%s".equals(timeKeyFormat);
        this.format = timeKeyFormat == null || epochSeconds ? null : compile(timeKeyFormat);
    }

    /** An unknown directive is a config error rather than a silent mismatch at run time. */
    private static Strptime compile(String timeKeyFormat) {
        try {
            return Strptime.compile(timeKeyFormat);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("time_key_format: " + e.getMessage(), e);
        }
    }

    /** Appends {@code 2026-11-21T04:47:43.000000000+00:00} (with this precision) to {@code b}. */
    void format(StringBuilder b, long seconds, int nanos, ZoneOffset offset) {
        formatSeconds(b, seconds, offset);
        if (precision > 0) {
            b.append('.').append(Integer.toString(nanos + 1_000_000_000), 1, 1 + precision);
        }
        formatOffset(b, offset);
    }

    /** Fraction digits written after the seconds. */
    int precision() {
        return precision;
    }

    /** The date and time to the second: {@code 2026-11-21T04:47:43}. */
    static void formatSeconds(StringBuilder b, long seconds, ZoneOffset offset) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, offset);
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2);
    }

    /** Ruby's offset: {@code +hh:mm}, never {@code Z}. */
    static void formatOffset(StringBuilder b, ZoneOffset offset) {
        int off = offset.getTotalSeconds();
        b.append(off < 0 ? '-' : '+');
        pad(b, Math.abs(off) / 3600, 2).append(':');
        pad(b, Math.abs(off) / 60 % 60, 2);
    }

    String format(long seconds, int nanos, ZoneOffset offset) {
        StringBuilder b = new StringBuilder(36);
        format(b, seconds, nanos, offset);
        return b.toString();
    }

    /** A record's time value (string or number); null when it cannot be read, and the caller uses the event time. */
    At parse(Object value) {
        if (epochSeconds && value instanceof String text && text.trim().matches("-?\\d+(\\.\\d+)?")) {
            value = new BigDecimal(text.trim());
        }
        if (value instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            long s = d.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
            int ns = d.subtract(BigDecimal.valueOf(s)).movePointRight(9).intValue();
            return new At(s, ns, ZoneOffset.UTC);
        }
        if (!(value instanceof String text)) {
            return null;
        }
        if (format != null) {
            try {
                Strptime.Zoned z = format.parseWhole(text.trim(), EventTime::now);
                return new At(z.time().seconds(), z.time().nanos(), z.offset());
            } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
                return null;
            }
        }
        try {
            TemporalAccessor t = ISO_LENIENT.parse(text.trim());
            // No offset means UTC, as Ruby's DateTime assumes.
            ZoneOffset off = t.isSupported(ChronoField.OFFSET_SECONDS)
                    ? ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
            LocalDateTime local = LocalDateTime.of(t.get(ChronoField.YEAR), t.get(ChronoField.MONTH_OF_YEAR),
                    t.get(ChronoField.DAY_OF_MONTH), get(t, ChronoField.HOUR_OF_DAY), get(t, ChronoField.MINUTE_OF_HOUR),
                    get(t, ChronoField.SECOND_OF_MINUTE), get(t, ChronoField.NANO_OF_SECOND));
            return new At(local.toEpochSecond(off), local.getNano(), off);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static int get(TemporalAccessor t, ChronoField f) {
        return t.isSupported(f) ? t.get(f) : 0;
    }

    /** The zone offset a zone had at an instant; Ruby's {@code Time.at(t)} uses the process's local zone. */
    static ZoneOffset offsetAt(ZoneId zone, long seconds) {
        return zone instanceof ZoneOffset o ? o : zone.getRules().getOffset(Instant.ofEpochSecond(seconds));
    }

    private static StringBuilder pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }
}
