package io.floe.outputs.elasticsearch;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Turns a strptime format ({@code time_key_format}) into a parser, for the directives that log times use.
 * An unknown directive is a config error rather than a silent mismatch at run time.
 */
final class StrptimePattern {
    private StrptimePattern() {
    }

    static DateTimeFormatter toFormatter(String pattern) {
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive().parseLenient();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                b.appendLiteral(c);
                continue;
            }
            char d = pattern.charAt(++i);
            if (d == ':' && i + 1 < pattern.length() && pattern.charAt(i + 1) == 'z') {
                d = 'z';
                i++;
            }
            // Digits right after digits ("%Y%m%d"): each field takes its full width, as Ruby's strptime does.
            boolean fixed = i + 2 < pattern.length() && pattern.charAt(i + 1) == '%'
                    && NUMERIC.indexOf(pattern.charAt(i + 2)) >= 0;
            directive(b, d, pattern, fixed);
        }
        return b.toFormatter(Locale.ENGLISH);
    }

    private static final String NUMERIC = "YymdejHkIlMSLN";

    private static void directive(DateTimeFormatterBuilder b, char d, String pattern, boolean fixed) {
        int min = fixed ? 2 : 1;
        switch (d) {
            case 'Y' -> b.appendValue(ChronoField.YEAR, 4, fixed ? 4 : 9, SignStyle.NORMAL);
            case 'y' -> b.appendValueReduced(ChronoField.YEAR, 2, 2, 2000);
            case 'm' -> b.appendValue(ChronoField.MONTH_OF_YEAR, min, 2, SignStyle.NOT_NEGATIVE);
            case 'd', 'e' -> b.appendValue(ChronoField.DAY_OF_MONTH, min, 2, SignStyle.NOT_NEGATIVE);
            case 'j' -> b.appendValue(ChronoField.DAY_OF_YEAR, fixed ? 3 : 1, 3, SignStyle.NOT_NEGATIVE);
            case 'H', 'k' -> b.appendValue(ChronoField.HOUR_OF_DAY, min, 2, SignStyle.NOT_NEGATIVE);
            case 'I', 'l' -> b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, min, 2, SignStyle.NOT_NEGATIVE);
            case 'M' -> b.appendValue(ChronoField.MINUTE_OF_HOUR, min, 2, SignStyle.NOT_NEGATIVE);
            case 'S' -> b.appendValue(ChronoField.SECOND_OF_MINUTE, min, 2, SignStyle.NOT_NEGATIVE);
            case 'L', 'N' -> b.appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false);
            case 'p', 'P' -> b.appendText(ChronoField.AMPM_OF_DAY);
            case 'b', 'h' -> b.appendPattern("MMM");
            case 'B' -> b.appendPattern("MMMM");
            case 'a' -> b.appendPattern("EEE");
            case 'A' -> b.appendPattern("EEEE");
            // Strict, or "+HH:MM" would take the "-02" of "-0200" and leave the rest unparsed.
            case 'z' -> b.parseStrict().optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
                    .optionalStart().appendOffset("+HHMM", "Z").optionalEnd().parseLenient();
            case 'Z' -> b.appendZoneOrOffsetId();
            case 'T' -> b.appendPattern("H:mm:ss");
            case 'F' -> b.appendPattern("uuuu-MM-dd");
            case 'R' -> b.appendPattern("H:mm");
            case '%' -> b.appendLiteral('%');
            default -> throw new IllegalArgumentException("time_key_format '" + pattern + "': %" + d + " is not supported");
        }
    }
}
