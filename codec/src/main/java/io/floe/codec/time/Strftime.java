package io.floe.codec.time;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Ruby's {@code strftime} for the directives Fluentd configs use in {@code time_format} and file paths.
 * Compiled once; formatting is thread-safe. Unknown directives are kept as written, as Ruby does.
 * Flags {@code -} (no padding), {@code _} (spaces), {@code 0} (zeros), {@code ^} (upper case) and a
 * width are honoured; {@code %3N}/{@code %6N}/{@code %9N} take the width as the number of digits.
 */
public final class Strftime {
    private static final String KNOWN = "YCymdejHkIlMSLNpPzZAaBbhuwsntTFDRrcxXv+%";

    private record Directive(char conv, char flag, int width, int colons) {
    }

    private final String pattern;
    private final Object[] parts;

    private Strftime(String pattern, Object[] parts) {
        this.pattern = pattern;
        this.parts = parts;
    }

    public static Strftime compile(String pattern) {
        List<Object> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c != '%') {
                lit.append(c);
                i++;
                continue;
            }
            int j = i + 1;
            char flag = 0;
            int colons = 0;
            while (j < pattern.length() && "-_0^#:".indexOf(pattern.charAt(j)) >= 0) {
                if (pattern.charAt(j) == ':') {
                    colons++;
                } else {
                    flag = pattern.charAt(j);
                }
                j++;
            }
            int width = 0;
            while (j < pattern.length() && Character.isDigit(pattern.charAt(j))) {
                width = width * 10 + (pattern.charAt(j) - '0');
                j++;
            }
            if (j >= pattern.length() || KNOWN.indexOf(pattern.charAt(j)) < 0
                    || (colons > 0 && pattern.charAt(j) != 'z')) {
                // Ruby prints what it does not understand verbatim.
                lit.append(pattern, i, Math.min(j + 1, pattern.length()));
                i = j + 1;
                continue;
            }
            if (lit.length() > 0) {
                parts.add(lit.toString());
                lit.setLength(0);
            }
            String expansion = Shorthands.expand(pattern.charAt(j));
            if (expansion != null) {
                parts.addAll(List.of(compile(expansion).parts));
            } else {
                parts.add(new Directive(pattern.charAt(j), flag, width, colons));
            }
            i = j + 1;
        }
        if (lit.length() > 0) {
            parts.add(lit.toString());
        }
        return new Strftime(pattern, parts.toArray());
    }

    public String pattern() {
        return pattern;
    }

    /** True when the pattern has at least one directive (a path with none is a plain file name). */
    public boolean hasDirectives() {
        for (Object p : parts) {
            if (p instanceof Directive) {
                return true;
            }
        }
        return false;
    }

    /** True when the output depends on more than the whole second, so it cannot be cached per second. */
    public boolean hasSubseconds() {
        for (Object p : parts) {
            if (p instanceof Directive d && (d.conv == 'L' || d.conv == 'N')) {
                return true;
            }
        }
        return false;
    }

    public String format(long sec, int nsec, ZoneId zone) {
        StringBuilder b = new StringBuilder(pattern.length() + 16);
        formatTo(b, sec, nsec, zone);
        return b.toString();
    }

    public void formatTo(StringBuilder b, long sec, int nsec, ZoneId zone) {
        long s = sec + Math.floorDiv(nsec, 1_000_000_000);
        int ns = Math.floorMod(nsec, 1_000_000_000);
        ZoneOffset off = zone instanceof ZoneOffset zo ? zo : zone.getRules().getOffset(Instant.ofEpochSecond(s));
        LocalDateTime t = LocalDateTime.ofEpochSecond(s, ns, off);
        for (Object p : parts) {
            if (p instanceof String lit) {
                b.append(lit);
            } else {
                append(b, (Directive) p, t, s, off, zone);
            }
        }
    }

    private void append(StringBuilder b, Directive d, LocalDateTime t, long epoch, ZoneOffset off, ZoneId zone) {
        switch (d.conv) {
            case 'Y' -> num(b, d, t.getYear(), 4, '0');
            case 'C' -> num(b, d, Math.floorDiv(t.getYear(), 100), 2, '0');
            case 'y' -> num(b, d, Math.floorMod(t.getYear(), 100), 2, '0');
            case 'm' -> num(b, d, t.getMonthValue(), 2, '0');
            case 'd' -> num(b, d, t.getDayOfMonth(), 2, '0');
            case 'e' -> num(b, d, t.getDayOfMonth(), 2, ' ');
            case 'j' -> num(b, d, t.getDayOfYear(), 3, '0');
            case 'H' -> num(b, d, t.getHour(), 2, '0');
            case 'k' -> num(b, d, t.getHour(), 2, ' ');
            case 'I' -> num(b, d, hour12(t), 2, '0');
            case 'l' -> num(b, d, hour12(t), 2, ' ');
            case 'M' -> num(b, d, t.getMinute(), 2, '0');
            case 'S' -> num(b, d, t.getSecond(), 2, '0');
            case 'L' -> fraction(b, t.getNano(), d.width == 0 ? 3 : d.width);
            case 'N' -> fraction(b, t.getNano(), d.width == 0 ? 9 : d.width);
            case 'p' -> text(b, d, t.getHour() < 12 ? "AM" : "PM");
            case 'P' -> text(b, d, t.getHour() < 12 ? "am" : "pm");
            case 'z' -> offset(b, off.getTotalSeconds(), d.colons);
            case 'Z' -> text(b, d, zoneName(zone, off, t));
            case 'A' -> text(b, d, t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            case 'a' -> text(b, d, t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            case 'B' -> text(b, d, t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            case 'b', 'h' -> text(b, d, t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            case 'u' -> num(b, d, t.getDayOfWeek().getValue(), 1, '0');
            case 'w' -> num(b, d, t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue(), 1, '0');
            case 's' -> b.append(epoch);
            case 'n' -> b.append('\n');
            case 't' -> b.append('\t');
            case '%' -> b.append('%');
            default -> throw new IllegalStateException("directive %" + d.conv + " accepted but not handled");
        }
    }

    private static int hour12(LocalDateTime t) {
        int h = t.getHour() % 12;
        return h == 0 ? 12 : h;
    }

    private static void num(StringBuilder b, Directive d, long v, int defWidth, char defPad) {
        String digits = Long.toString(Math.abs(v));
        if (v < 0) {
            b.append('-');
        }
        if (d.flag != '-') {
            char pad = d.flag == '_' ? ' ' : d.flag == '0' ? '0' : defPad;
            int width = d.width > 0 ? d.width : defWidth;
            for (int i = digits.length(); i < width; i++) {
                b.append(pad);
            }
        }
        b.append(digits);
    }

    /** Sub-second digits are truncated, never rounded, as Ruby does. */
    private static void fraction(StringBuilder b, int nanos, int digits) {
        String nine = Integer.toString(nanos + 1_000_000_000).substring(1);
        if (digits <= 9) {
            b.append(nine, 0, digits);
        } else {
            b.append(nine);
            b.append("0".repeat(digits - 9));
        }
    }

    private static void text(StringBuilder b, Directive d, String s) {
        String v = d.flag == '^' ? s.toUpperCase(Locale.ROOT) : s;
        for (int i = v.length(); i < d.width; i++) {
            b.append(' ');
        }
        b.append(v);
    }

    private static void offset(StringBuilder b, int total, int colons) {
        b.append(total < 0 ? '-' : '+');
        int abs = Math.abs(total);
        two(b, abs / 3600);
        if (colons > 0) {
            b.append(':');
        }
        two(b, abs / 60 % 60);
        if (colons > 1) {
            b.append(':');
            two(b, abs % 60);
        }
    }

    private static void two(StringBuilder b, int v) {
        if (v < 10) {
            b.append('0');
        }
        b.append(v);
    }

    /**
     * Ruby names a UTC time "UTC" and a local time by its abbreviation, but a time moved to a fixed
     * offset (Fluentd's {@code timezone +09:00}) has no name at all.
     */
    private static String zoneName(ZoneId zone, ZoneOffset off, LocalDateTime t) {
        if (zone instanceof ZoneOffset) {
            return zone.equals(ZoneOffset.UTC) ? "UTC" : "";
        }
        boolean dst = zone.getRules().isDaylightSavings(t.toInstant(off));
        return TimeZone.getTimeZone(zone).getDisplayName(dst, TimeZone.SHORT, Locale.ENGLISH);
    }
}
