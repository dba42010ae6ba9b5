package io.floe.codec.time;

/**
 * The directives that stand for others ({@code %T} is {@code %H:%M:%S}), as Ruby expands them; the same for
 * strftime and strptime, so the two cannot drift apart.
 */
final class Shorthands {
    private Shorthands() {
    }

    /** The expansion of {@code %<conv>}, or null when it is not a shorthand. */
    static String expand(char conv) {
        return switch (conv) {
            case 'T', 'X' -> "%H:%M:%S";
            case 'F' -> "%Y-%m-%d";
            case 'D', 'x' -> "%m/%d/%y";
            case 'R' -> "%H:%M";
            case 'r' -> "%I:%M:%S %p";
            case 'c' -> "%a %b %e %H:%M:%S %Y";
            case 'v' -> "%e-%^b-%4Y";
            case '+' -> "%a %b %e %H:%M:%S %Z %Y";
            default -> null;
        };
    }
}
