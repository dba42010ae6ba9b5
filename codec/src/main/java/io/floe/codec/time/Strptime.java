package io.floe.codec.time;

import io.floe.codec.event.EventTime;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Ruby's {@code strptime} (the subset Fluentd configs use), compiled once: {@code %Y %C %y %m %d %e %j %H %k
 * %I %l %p %M %S %L %N (%3N...) %z %:z %::z %Z %s %Q %b %h %B %a %A %u %w %U %W %V %G %g %n %t %%} and the
 * composites {@code %T %R %D %x %X %F %c %r %v %+}. As in Ruby: a space in the format matches any run of
 * whitespace (also none); numbers take up to their width, {@code %Y} and {@code %L}/{@code %N} as many
 * digits as there are unless a number follows directly; month and day names are case-insensitive, full or
 * abbreviated; text after the last directive is ignored (Time.strptime does not check for left-overs), unless
 * read with {@link #parseWhole} (DateTime.strptime, which does). {@code %z}/{@code %Z} read {@code Z}, numeric
 * offsets, {@code GMT+9}, the common abbreviations and region names ({@code Europe/Paris}). Thread-safe.
 */
public final class Strptime {
    /** A time and the offset its text was written in (UTC when the text had none). */
    public record Zoned(EventTime time, ZoneOffset offset) {
    }

    private static final String NUMERIC = "CdeGgHIjkLlMmNQSsUuVWwYy";
    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};
    private static final String[] DAYS = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

    private final String format;
    private final char[] kinds;      // a directive letter, ' ' for whitespace, 0 for a literal
    private final String[] literals;
    private final int[] widths;      // explicit width (%3N), 0 when none
    private final boolean hasZone;

    private Strptime(String format, List<Object[]> ops) {
        this.format = format;
        int n = ops.size();
        kinds = new char[n];
        literals = new String[n];
        widths = new int[n];
        boolean zone = false;
        for (int i = 0; i < n; i++) {
            kinds[i] = (char) ops.get(i)[0];
            literals[i] = (String) ops.get(i)[1];
            widths[i] = (int) ops.get(i)[2];
            zone |= kinds[i] == 'z' || kinds[i] == 'Z' || kinds[i] == 's' || kinds[i] == 'Q';
        }
        this.hasZone = zone;
    }

    public static Strptime compile(String format) {
        List<Object[]> ops = new ArrayList<>();
        compileInto(format, ops);
        return new Strptime(format, ops);
    }

    private static void compileInto(String f, List<Object[]> ops) {
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (Character.isWhitespace(c)) {
                ops.add(new Object[] {' ', null, 0});
            } else if (c != '%' || i + 1 >= f.length()) {
                ops.add(new Object[] {(char) 0, String.valueOf(c), 0});
            } else {
                int j = i + 1;
                while (j < f.length() && "-_0^#".indexOf(f.charAt(j)) >= 0) {
                    j++;
                }
                int width = 0;
                while (j < f.length() && Character.isDigit(f.charAt(j))) {
                    width = width * 10 + (f.charAt(j++) - '0');
                }
                while (j < f.length() && f.charAt(j) == ':') {
                    j++;
                }
                if (j >= f.length()) {
                    throw new IllegalArgumentException("invalid time format '" + f + "': incomplete directive at the end");
                }
                char d = f.charAt(j);
                String composite = Shorthands.expand(d);
                if (composite != null) {
                    compileInto(composite, ops);
                } else if (d == 'n' || d == 't') {
                    ops.add(new Object[] {' ', null, 0});
                } else if (d == '%') {
                    ops.add(new Object[] {(char) 0, "%", 0});
                } else if ("YCymdejHkIlpPMSLNzZsQbhBaAuwUWVGg".indexOf(d) >= 0) {
                    ops.add(new Object[] {d, null, width});
                } else {
                    throw new IllegalArgumentException("invalid time format '" + f + "': %" + d + " is not supported");
                }
                i = j;
            }
        }
    }

    /** Whether the format reads the offset (or epoch seconds) from the text, so the zone settings do not apply. */
    public boolean hasZone() {
        return hasZone;
    }

    /**
     * @param zone  the zone of a text without offset
     * @param clock the current time, for fields the format does not have
     * @throws IllegalArgumentException when the text does not match
     */
    public EventTime parse(String s, ZoneId zone, Supplier<EventTime> clock) {
        DateFields f = new DateFields();
        read(s, f);
        return f.toEventTime(zone, clock);
    }

    /**
     * Ruby's {@code DateTime.strptime}: the whole text must match, a text without a zone is UTC, and the offset
     * the text was written in is kept.
     *
     * @throws IllegalArgumentException when the text does not match
     */
    public Zoned parseWhole(String s, Supplier<EventTime> clock) {
        DateFields f = new DateFields();
        if (read(s, f) != s.length()) {
            throw mismatch(s);
        }
        EventTime t = f.toEventTime(ZoneOffset.UTC, clock);
        return new Zoned(t, ZoneOffset.ofTotalSeconds(f.appliedOffset));
    }

    /** Fills {@code f} from the text; returns where the match ended. */
    private int read(String s, DateFields f) {
        int p = 0;
        for (int k = 0; k < kinds.length; k++) {
            char kind = kinds[k];
            if (kind == ' ') {
                while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
                    p++;
                }
            } else if (kind == 0) {
                String lit = literals[k];
                if (!s.startsWith(lit, p)) {
                    throw mismatch(s);
                }
                p += lit.length();
            } else {
                p = directive(s, p, kind, widths[k], k, f);
            }
        }
        return p;
    }

    private int directive(String s, int p, char kind, int width, int k, DateFields f) {
        boolean numberFollows = k + 1 < kinds.length && (NUMERIC.indexOf(kinds[k + 1]) >= 0
                || (kinds[k + 1] == 0 && Character.isDigit(literals[k + 1].charAt(0))));
        switch (kind) {
            case 'Y' -> {
                int sign = p < s.length() && (s.charAt(p) == '-' || s.charAt(p) == '+') ? 1 : 0;
                int end = digitsEnd(s, p + sign, width > 0 ? width : numberFollows ? 4 : 9);
                f.year = (int) number(s, p + sign, end) * (sign == 1 && s.charAt(p) == '-' ? -1 : 1);
                return end;
            }
            case 'L', 'N' -> {
                int max = width > 0 ? width : numberFollows ? (kind == 'L' ? 3 : 9) : 64;
                int end = digitsEnd(s, p, max);
                f.nanos = fraction(s, p, end);
                return end;
            }
            case 's', 'Q' -> {
                boolean neg = p < s.length() && s.charAt(p) == '-';
                int end = digitsEnd(s, p + (neg ? 1 : 0), 20);
                long v = number(s, p + (neg ? 1 : 0), end) * (neg ? -1 : 1);
                f.epochSet = true;
                f.epochSeconds = kind == 's' ? v : Math.floorDiv(v, 1000);
                if (kind == 'Q') {
                    f.nanos = (int) Math.floorMod(v, 1000) * 1_000_000;
                }
                return end;
            }
            case 'z', 'Z' -> {
                int end = zoneEnd(s, p);
                if (isRegion(s, p, end)) {
                    f.zone = region(s, p, end);
                    return end;
                }
                int off = Zones.offsetOf(s, p, end);
                if (off == Integer.MIN_VALUE) {
                    throw mismatch(s);
                }
                f.offset = off;
                return end;
            }
            case 'b', 'h', 'B' -> {
                int[] m = name(s, p, MONTHS);
                f.month = m[0] + 1;
                return m[1];
            }
            case 'a', 'A' -> {
                return name(s, p, DAYS)[1];
            }
            case 'p', 'P' -> {
                return meridian(s, p, f);
            }
            default -> {
                return twoDigitField(s, p, kind, width, f);
            }
        }
    }

    private int twoDigitField(String s, int p, char kind, int width, DateFields f) {
        int max = width > 0 ? width : kind == 'j' ? 3 : kind == 'u' || kind == 'w' ? 1 : kind == 'G' ? 4 : 2;
        if ("deHkIl".indexOf(kind) >= 0 && p < s.length() && s.charAt(p) == ' ') {
            p++;
            max = 1;
        }
        int end = digitsEnd(s, p, max);
        int v = (int) number(s, p, end);
        switch (kind) {
            case 'C' -> f.century = v;
            case 'y' -> f.yearOfCentury = v;
            case 'm' -> f.month = check(v, 1, 12, s);
            case 'd', 'e' -> f.day = check(v, 1, 31, s);
            case 'j' -> f.yday = check(v, 1, 366, s);
            case 'H', 'k' -> f.hour = check(v, 0, 24, s);
            case 'I', 'l' -> f.hour = check(v, 1, 12, s);
            case 'M' -> f.minute = check(v, 0, 59, s);
            case 'S' -> f.second = check(v, 0, 60, s);
            default -> { } // week numbers and weekdays are read but do not set the date, as in Ruby
        }
        return end;
    }

    private int meridian(String s, int p, DateFields f) {
        String rest = s.substring(p, Math.min(s.length(), p + 4)).toLowerCase(Locale.ROOT);
        int len = rest.startsWith("a.m.") || rest.startsWith("p.m.") ? 4 : rest.startsWith("am") || rest.startsWith("pm") ? 2 : 0;
        if (len == 0) {
            throw mismatch(s);
        }
        f.meridian = rest.charAt(0) == 'p' ? 12 : 0;
        return p + len;
    }

    /** Full names first, then the three-letter abbreviations, case-insensitively: {index, end}. */
    private int[] name(String s, int p, String[] names) {
        for (int i = 0; i < names.length; i++) {
            if (s.regionMatches(true, p, names[i], 0, names[i].length())) {
                return new int[] {i, p + names[i].length()};
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (s.regionMatches(true, p, names[i], 0, 3)) {
                return new int[] {i, p + 3};
            }
        }
        throw mismatch(s);
    }

    private static int zoneEnd(String s, int p) {
        int i = p;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == ':')) {
                i++;
            }
            return i;
        }
        while (i < s.length() && Character.isLetter(s.charAt(i))) {
            i++;
        }
        if (i > p && i < s.length() && s.charAt(i) == '/') {
            // A region name: America/Argentina/Buenos_Aires, America/Port-au-Prince, Etc/GMT+9.
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || "/_+-".indexOf(s.charAt(i)) >= 0)) {
                i++;
            }
            return i;
        }
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-') && i - p == 3) {
            return zoneEnd(s, i); // GMT+9, UTC-05:00
        }
        return i;
    }

    private static boolean isRegion(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '/') {
                return true;
            }
        }
        return false;
    }

    private ZoneId region(String s, int from, int to) {
        try {
            return ZoneId.of(s.substring(from, to));
        } catch (DateTimeException e) {
            throw mismatch(s);
        }
    }

    private int digitsEnd(String s, int p, int max) {
        int i = p;
        while (i < s.length() && i - p < max && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == p) {
            throw mismatch(s);
        }
        return i;
    }

    private static long number(String s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    /** Digits after the point as nanoseconds; beyond nine digits they are cut, as Ruby's Rational truncates. */
    static int fraction(String s, int from, int to) {
        int n = 0;
        for (int i = 0; i < 9; i++) {
            n = n * 10 + (from + i < to ? s.charAt(from + i) - '0' : 0);
        }
        return n;
    }

    private int check(int v, int min, int max, String s) {
        if (v < min || v > max) {
            throw mismatch(s);
        }
        return v;
    }

    private IllegalArgumentException mismatch(String s) {
        return new IllegalArgumentException("invalid date or strptime format - `" + s + "' `" + format + "'");
    }

    @Override
    public String toString() {
        return format;
    }
}
