package io.floe.codec.time;

import io.floe.codec.event.EventTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Fluentd does with a time field when no time_format is set: Ruby's {@code Time.parse}, which guesses.
 * Floe recognises the shapes log lines carry: ISO 8601 (also with {@code /} and a space), Apache's
 * {@code 10/Oct/2000:13:55:36 -0700}, RFC 2822 {@code Tue, 10 Oct 2000 13:55:36 +0000}, asctime and
 * Apache error logs {@code Wed Oct 11 14:32:52[.123456] 2000}, syslog's {@code Oct 11 14:32:52}, each with
 * an optional zone. A text without a zone is in the configured zone; without a year, this year.
 */
public final class RubyTimeParse {
    private static final String TIME = "(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?";
    private static final String ZONE = "(Z|[A-Za-z]{1,5}(?:[+-]\\d{1,2}(?::?\\d{2})?)?|[+-]\\d{1,2}(?::?\\d{2})?)";
    private static final String MON = "([A-Za-z]{3})[a-z]*\\.?";
    private static final String DOW = "(?:[A-Za-z]{3,9},?\\s+)?";
    private static final Pattern ISO = Pattern.compile(
            "\\s*(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})(?:(?:T|\\s+)" + TIME + ")?\\s*" + ZONE + "?\\s*");
    private static final Pattern CLF = Pattern.compile("\\s*(\\d{1,2})/" + MON + "/(\\d{4})[:\\s]" + TIME + "\\s*" + ZONE + "?\\s*");
    private static final Pattern DAY_MONTH = Pattern.compile(
            "\\s*" + DOW + "(\\d{1,2})[\\s-]+" + MON + "[\\s-]+(\\d{4})\\s+" + TIME + "\\s*" + ZONE + "?\\s*");
    private static final Pattern MONTH_DAY = Pattern.compile(
            "\\s*" + DOW + MON + "\\s+(\\d{1,2}),?\\s+(?:(\\d{4})\\s+)?" + TIME + "(?:\\s+" + ZONE + ")?(?:\\s+(\\d{4}))?\\s*");
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    private RubyTimeParse() {
    }

    public static EventTime parse(String s, ZoneId zone, Supplier<EventTime> clock) {
        DateFields f = new DateFields();
        Matcher m;
        if ((m = ISO.matcher(s)).matches()) {
            f.year = Integer.parseInt(m.group(1));
            f.month = Integer.parseInt(m.group(2));
            f.day = Integer.parseInt(m.group(3));
            time(m, 4, f);
            zone(m.group(8), f);
        } else if ((m = CLF.matcher(s)).matches() || (m = DAY_MONTH.matcher(s)).matches()) {
            f.day = Integer.parseInt(m.group(1));
            f.month = month(m.group(2));
            f.year = Integer.parseInt(m.group(3));
            time(m, 4, f);
            zone(m.group(8), f);
        } else if ((m = MONTH_DAY.matcher(s)).matches()) {
            f.month = month(m.group(1));
            f.day = Integer.parseInt(m.group(2));
            String year = m.group(3) != null ? m.group(3) : m.group(9);
            if (year != null) {
                f.year = Integer.parseInt(year);
            }
            time(m, 4, f);
            zone(m.group(8), f);
        } else {
            throw new IllegalArgumentException("no time information in \"" + s + "\"");
        }
        return f.toEventTime(zone, clock);
    }

    private static void time(Matcher m, int g, DateFields f) {
        if (m.group(g) == null) {
            return;
        }
        f.hour = Integer.parseInt(m.group(g));
        f.minute = Integer.parseInt(m.group(g + 1));
        f.second = m.group(g + 2) == null ? 0 : Integer.parseInt(m.group(g + 2));
        String frac = m.group(g + 3);
        f.nanos = frac == null ? 0 : Strptime.fraction(frac, 0, frac.length());
    }

    private static void zone(String z, DateFields f) {
        if (z == null) {
            return;
        }
        int off = Zones.offsetOf(z, 0, z.length());
        if (off == Integer.MIN_VALUE) {
            throw new IllegalArgumentException("unknown time zone " + z);
        }
        f.offset = off;
    }

    private static int month(String abbr) {
        int i = MONTHS.indexOf(abbr.toLowerCase(Locale.ROOT));
        if (i < 0 || i % 3 != 0) {
            throw new IllegalArgumentException("unknown month " + abbr);
        }
        return i / 3 + 1;
    }
}
