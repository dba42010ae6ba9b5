package io.floe.outputs.format;

import io.floe.api.event.Records;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Ruby's {@code to_s} and {@code inspect} of msgpack values, read straight from the unpacker. The ltsv,
 * csv, tsv, single_value and hash formatters print values this way, so a nested map comes out as
 * {@code {"a"=>1}} and nil as an empty string, exactly as Fluentd prints them (Ruby before 3.4).
 */
public final class RubyText {
    private RubyText() {
    }

    /** {@code value.to_s}. */
    public static void toS(MessageUnpacker u, StringBuilder b) throws IOException {
        ValueType t = u.getNextFormat().getValueType();
        switch (t) {
            case NIL -> u.unpackNil();
            case STRING -> b.append(u.unpackString());
            case BINARY -> b.append(binary(u));
            default -> inspect(u, b);
        }
    }

    /** {@code value.inspect}. */
    public static void inspect(MessageUnpacker u, StringBuilder b) throws IOException {
        ValueType t = u.getNextFormat().getValueType();
        switch (t) {
            case NIL -> {
                u.unpackNil();
                b.append("nil");
            }
            case BOOLEAN -> b.append(u.unpackBoolean());
            case INTEGER -> b.append(u.unpackBigInteger());
            case FLOAT -> b.append(rubyFloat(u.unpackDouble()));
            case STRING -> quote(u.unpackString(), b);
            case BINARY -> quote(binary(u), b);
            case ARRAY -> {
                int n = u.unpackArrayHeader();
                b.append('[');
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        b.append(", ");
                    }
                    inspect(u, b);
                }
                b.append(']');
            }
            case MAP -> {
                int n = u.unpackMapHeader();
                b.append('{');
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        b.append(", ");
                    }
                    inspect(u, b);
                    b.append("=>");
                    inspect(u, b);
                }
                b.append('}');
            }
            case EXTENSION -> {
                Object v = Records.read(u);
                if (v instanceof Long l) {
                    b.append(l);
                } else {
                    quote(new String((byte[]) v, StandardCharsets.ISO_8859_1), b);
                }
            }
            default -> throw new IOException("unexpected msgpack type " + t);
        }
    }

    private static String binary(MessageUnpacker u) throws IOException {
        int n = u.unpackBinaryHeader();
        return new String(u.readPayload(n), StandardCharsets.UTF_8);
    }

    /** Ruby's String#inspect for UTF-8 text. */
    static void quote(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
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
                case '#' -> {
                    // Ruby escapes '#' only where it would start interpolation.
                    char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
                    b.append(next == '{' || next == '$' || next == '@' ? "\\#" : "#");
                }
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /** Ruby's Float#to_s: shortest digits, fixed notation for 1e-4 ≤ |x| < 1e16, else {@code 1.0e+20}. */
    public static String rubyFloat(double d) {
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
