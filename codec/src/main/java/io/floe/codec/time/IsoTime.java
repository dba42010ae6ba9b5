package io.floe.codec.time;

import io.floe.codec.event.EventTime;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * ISO 8601 / RFC 3339 date-times without a regex or a formatter: {@code 2026-11-21T06:46:31.011271025Z},
 * a space instead of {@code T}, 0 to 9 fraction digits (more are cut), {@code Z}, {@code ±hh:mm},
 * {@code ±hhmm} or {@code ±hh}, or no offset (then the zone given). What Docker and CRI logs carry, so the
 * hot path of the container parsers.
 */
public final class IsoTime {
    private IsoTime() {
    }

    /** @return the time, or null when the text is not such a date-time */
    public static EventTime parse(String s, ZoneId zone, Supplier<EventTime> clock) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':'
                || (s.charAt(10) != 'T' && s.charAt(10) != 't' && s.charAt(10) != ' ')) {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1 || day > 31
                || hour > 24 || minute > 59 || second > 60) {
            return null;
        }
        int p = 19;
        int nanos = 0;
        if (p < n && (s.charAt(p) == '.' || s.charAt(p) == ',')) {
            int start = ++p;
            while (p < n && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
                p++;
            }
            if (p == start) {
                return null;
            }
            nanos = Strptime.fraction(s, start, p);
        }
        if (p == n) {
            DateFields f = new DateFields();
            f.year = year;
            f.month = month;
            f.day = day;
            f.hour = hour;
            f.minute = minute;
            f.second = second;
            f.nanos = nanos;
            return f.toEventTime(zone, clock);
        }
        int offset = Zones.offsetOf(s, p, n);
        if (offset == Integer.MIN_VALUE || (s.charAt(p) != '+' && s.charAt(p) != '-' && p + 1 != n)) {
            return null;
        }
        long days;
        try {
            days = LocalDate.of(year, month, day).toEpochDay();
        } catch (java.time.DateTimeException e) {
            return null;
        }
        return new EventTime(days * 86400 + hour * 3600L + minute * 60L + second - offset, nanos);
    }

    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
