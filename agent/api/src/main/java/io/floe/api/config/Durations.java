package io.floe.api.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fluentd's time values: {@code 5s}, {@code 10m}, {@code 1h}, {@code 1d}, or a plain number of seconds ({@code 0.5}). */
public final class Durations {
    private static final Pattern TIME = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h|d)?");

    private Durations() {
    }

    public static Duration parse(String text) {
        Matcher m = TIME.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a time (e.g. 1s, 5m, 1h, 1d, 0.5)");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double seconds = switch (unit) {
            case "ms" -> n / 1000;
            case "m" -> n * 60;
            case "h" -> n * 3600;
            case "d" -> n * 86400;
            default -> n;
        };
        return Duration.ofNanos((long) Math.round(seconds * 1e9));
    }

    public static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
