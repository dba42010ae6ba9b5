package io.floe.codec.time;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Time zones as Fluentd's {@code timezone} parameter and Ruby's strptime {@code %z} read them. */
public final class Zones {
    private static final Pattern NUMERIC = Pattern.compile("[+-]\\d\\d(:?\\d\\d)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_]+(/[A-Za-z_+\\-]+)*");
    /** The zone abbreviations Ruby's Date knows best; others are rejected rather than guessed. */
    private static final Map<String, Integer> ABBREVIATIONS = Map.ofEntries(
            Map.entry("z", 0), Map.entry("utc", 0), Map.entry("gmt", 0), Map.entry("ut", 0),
            Map.entry("est", -5), Map.entry("edt", -4), Map.entry("cst", -6), Map.entry("cdt", -5),
            Map.entry("mst", -7), Map.entry("mdt", -6), Map.entry("pst", -8), Map.entry("pdt", -7),
            Map.entry("jst", 9), Map.entry("kst", 9), Map.entry("hst", -10), Map.entry("akst", -9), Map.entry("akdt", -8),
            Map.entry("cet", 1), Map.entry("cest", 2), Map.entry("eet", 2), Map.entry("eest", 3),
            Map.entry("wet", 0), Map.entry("west", 1), Map.entry("bst", 1), Map.entry("ist", 5));

    private Zones() {
    }

    /** Fluentd's accepted {@code timezone} values: {@code +09:00}, {@code +0900}, {@code +09} or a zone name. */
    public static ZoneId parameter(String tz) {
        try {
            if (NUMERIC.matcher(tz).matches()) {
                return ZoneOffset.ofTotalSeconds(numericOffset(tz, 0, tz.length()));
            }
            if (NAME.matcher(tz).matches()) {
                return ZoneId.of(tz);
            }
        } catch (DateTimeException e) {
            // reported below in Fluentd's words
        }
        throw new IllegalArgumentException("Unsupported timezone '" + tz + "'");
    }

    /**
     * The offset in seconds of a zone written in a time value ({@code Z}, {@code UTC}, {@code +09:00},
     * {@code +0900}, {@code +09}, {@code GMT+9}, {@code JST}), or {@link Integer#MIN_VALUE} when it is not one.
     */
    public static int offsetOf(String s, int from, int to) {
        if (from >= to) {
            return Integer.MIN_VALUE;
        }
        char c = s.charAt(from);
        if (c == '+' || c == '-') {
            return numericOffset(s, from, to);
        }
        String word = s.substring(from, to).toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"utc", "gmt"}) {
            if (word.length() > 3 && word.startsWith(prefix) && (word.charAt(3) == '+' || word.charAt(3) == '-')) {
                return numericOffset(s, from + 3, to);
            }
        }
        Integer h = ABBREVIATIONS.get(word);
        return h == null ? Integer.MIN_VALUE : h * 3600;
    }

    /** {@code ±h}, {@code ±hh}, {@code ±hhmm}, {@code ±hh:mm}, {@code ±hh:mm:ss}. */
    private static int numericOffset(String s, int from, int to) {
        int sign = s.charAt(from) == '-' ? -1 : 1;
        int[] parts = new int[3];
        int part = 0;
        int digitsInPart = 0;
        int digitsTotal = 0;
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                if (digitsInPart == 0 || ++part > 2) {
                    return Integer.MIN_VALUE;
                }
                digitsInPart = 0;
            } else if (c >= '0' && c <= '9') {
                if (part == 0 && digitsInPart == 2) {
                    part = 1; // hhmm without a colon
                    digitsInPart = 0;
                }
                parts[part] = parts[part] * 10 + (c - '0');
                digitsInPart++;
                digitsTotal++;
            } else {
                return Integer.MIN_VALUE;
            }
        }
        if (digitsTotal == 0 || parts[0] > 23 || parts[1] > 59 || parts[2] > 59) {
            return Integer.MIN_VALUE;
        }
        return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
    }
}
