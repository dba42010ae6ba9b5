package io.floe.codec.text;

import io.floe.codec.event.Records;
import io.floe.codec.msgpack.MsgpackCursor;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * How Ruby prints values, where Fluentd's output depends on it: {@code String#inspect} (the hash
 * formatter, ltsv/csv values of nested data, client text in the agent's log), {@code Float#to_s}, and
 * {@code to_s}/{@code inspect} of msgpack values read straight from their bytes, so a nested map comes out
 * as {@code {"a"=>1}} and nil as an empty string, exactly as Fluentd prints them (Ruby before 3.4).
 * Values already decoded to Java objects print through {@link RubyValues}.
 */
public final class RubyText {
    private static final int LOGGED_CHARS = 1024;

    private RubyText() {
    }

    /** {@code value.to_s} of the value at the cursor. */
    public static void toS(MsgpackCursor c, StringBuilder b) {
        switch (c.type()) {
            case NIL -> c.readNil("value");
            case STRING, BINARY -> b.append(c.readString("value"));
            default -> inspect(c, b);
        }
    }

    /** {@code value.inspect} of the value at the cursor. */
    public static void inspect(MsgpackCursor c, StringBuilder b) {
        switch (c.type()) {
            case NIL -> {
                c.readNil("value");
                b.append("nil");
            }
            case BOOLEAN -> b.append(c.readBoolean("value"));
            case INTEGER -> {
                if (c.atUint64AboveLongMax()) {
                    b.append(Long.toUnsignedString(c.readIntegerBits("value")));
                } else {
                    b.append(c.readLong("value"));
                }
            }
            case FLOAT -> b.append(floatToS(c.readDouble("value")));
            case STRING, BINARY -> inspect(c.readString("value"), b);
            case ARRAY -> inspectElements(c, c.readArrayHeader("array"), '[', null, ']', b);
            case MAP -> inspectElements(c, c.readMapHeader("map"), '{', "=>", '}', b);
            case EXTENSION -> {
                Object v = Records.read(c);
                if (v instanceof Long l) {
                    b.append(l);
                } else {
                    inspect(new String((byte[]) v, StandardCharsets.ISO_8859_1), b);
                }
            }
        }
    }

    /** An array's {@code n} elements, or a map's {@code n} pairs with {@code arrow} between key and value. */
    private static void inspectElements(MsgpackCursor c, int n, char open, String arrow, char close, StringBuilder b) {
        b.append(open);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(", ");
            }
            inspect(c, b);
            if (arrow != null) {
                b.append(arrow);
                inspect(c, b);
            }
        }
        b.append(close);
    }

    /** Ruby's {@code chomp}: one trailing \n, \r\n or \r removed. */
    public static String chomp(String s) {
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        if (s.endsWith("\n") || s.endsWith("\r")) {
            return s.substring(0, s.length() - 1);
        }
        return s;
    }

    /**
     * A client's text (a tag, a record value) for an error message: Ruby's String#inspect, cut short, since a tag may
     * be as long as a forward frame.
     */
    public static String forLog(String s) {
        String cut = s.length() <= LOGGED_CHARS ? s : s.substring(0, LOGGED_CHARS);
        StringBuilder b = new StringBuilder(cut.length() + 8);
        inspect(cut, b);
        if (cut != s) {
            b.append("... (").append(s.length()).append(" characters)");
        }
        return b.toString();
    }

    /** Ruby's String#inspect for UTF-8 text: the quoted string with Ruby's escapes. */
    public static void inspect(String s, StringBuilder b) {
        b.append('"');
        escape(s, b, true);
        b.append('"');
    }

    /**
     * What {@link #inspect} writes between the quotes, without the {@code \#} that only matters to Ruby's
     * parser: every character that is not printable escaped ({@code \n}, {@code \e}, NUL as backslash-u0000),
     * so the text stays on one line and carries no terminal escape sequence, and {@code "} and {@code \}
     * escaped, so it cannot end the quotes it is written in. The agent's log writes client data this way.
     */
    public static void escape(CharSequence s, StringBuilder b) {
        escape(s, b, false);
    }

    /**
     * Only the characters that are not printable, escaped as {@link #escape} does, quotes and backslashes
     * as they are: for whole log lines, whose own quotes are part of the line.
     */
    public static void escapeUnprintable(CharSequence s, StringBuilder b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append(c);
            } else {
                i = escapeChar(s, i, b, false);
            }
        }
    }

    private static void escape(CharSequence s, StringBuilder b, boolean interpolation) {
        for (int i = 0; i < s.length(); i++) {
            i = escapeChar(s, i, b, interpolation);
        }
    }

    /** Writes the character (or surrogate pair) at {@code i}; returns the index of its last char. */
    private static int escapeChar(CharSequence s, int i, StringBuilder b, boolean interpolation) {
        char c = s.charAt(i);
        switch (c) {
            case '"' -> b.append("\\\"");
            case '\\' -> b.append("\\\\");
            case '\n' -> b.append("\\n");
            case '\t' -> b.append("\\t");
            case '\r' -> b.append("\\r");
            case '\f' -> b.append("\\f");
            case 0x0b -> b.append("\\v");
            case '\b' -> b.append("\\b");
            case 0x07 -> b.append("\\a");
            case 0x1b -> b.append("\\e");
            case 0x7f -> b.append("\\x7F");
            case '#' -> {
                // Ruby escapes '#' only where it would start interpolation.
                char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
                b.append(interpolation && (next == '{' || next == '$' || next == '@') ? "\\#" : "#");
            }
            default -> {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(i + 1));
                    if (printable(cp)) {
                        b.append(c).append(s.charAt(i + 1));
                    } else {
                        b.append(String.format("\\u{%X}", cp));
                    }
                    return i + 1;
                }
                if (printable(c)) {
                    b.append(c);
                } else {
                    b.append(String.format("\\u%04X", (int) c));
                }
            }
        }
        return i;
    }

    /**
     * Ruby prints a character as it is unless it is a control character (C0, C1), a format character
     * (the bidirectional overrides that reorder a terminal line), a line or paragraph separator, a lone
     * surrogate or unassigned.
     */
    private static boolean printable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.UNASSIGNED -> false;
            default -> true;
        };
    }

    /** Ruby's Float#to_s: shortest digits, fixed notation for 1e-4 ≤ |x| < 1e16, else {@code 1.0e+20}. */
    public static String floatToS(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal v = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = v.unscaledValue().toString();
        int decpt = digits.length() - v.scale();
        StringBuilder b = new StringBuilder(24);
        if (d < 0) {
            b.append('-');
        }
        if (decpt > 16 || decpt < -3) {
            b.append(digits.charAt(0)).append('.');
            b.append(digits.length() > 1 ? digits.substring(1) : "0");
            int exp = decpt - 1;
            b.append('e').append(exp < 0 ? '-' : '+');
            if (Math.abs(exp) < 10) {
                b.append('0');
            }
            b.append(Math.abs(exp));
        } else if (decpt <= 0) {
            b.append("0.").append("0".repeat(-decpt)).append(digits);
        } else if (decpt >= digits.length()) {
            b.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
        } else {
            b.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
        return b.toString();
    }
}
