package io.floe.api.config;

import java.util.Locale;

/** A byte size as Fluentd writes it: {@code 512}, {@code 8k}, {@code 8m}, {@code 1g}, {@code 1t} (powers of 1024). */
public record Size(long bytes) {

    public static Size parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty size");
        }
        long mult = 1;
        char last = s.charAt(s.length() - 1);
        switch (last) {
            case 'k' -> mult = 1L << 10;
            case 'm' -> mult = 1L << 20;
            case 'g' -> mult = 1L << 30;
            case 't' -> mult = 1L << 40;
            default -> {
            }
        }
        String num = mult == 1 ? s : s.substring(0, s.length() - 1);
        if (!num.matches("[0-9]+(\\.[0-9]+)?")) {
            throw new IllegalArgumentException("'" + text + "' is not a size (e.g. 512, 8k, 8m, 1g)");
        }
        return new Size((long) (Double.parseDouble(num) * mult));
    }

    @Override
    public String toString() {
        return Long.toString(bytes);
    }
}
