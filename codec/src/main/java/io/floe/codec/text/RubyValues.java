package io.floe.codec.text;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ruby's conversions of record values, as Fluentd applies them: {@code to_s} (grep matches against it, record
 * placeholders print it), {@code inspect}, the lenient {@code to_i}/{@code to_f} of {@code types}, and
 * {@code String#split}, of values already decoded to Java objects. Maps print as {@code {"a"=>1}} (Ruby
 * before 3.4), as {@link RubyText} prints them straight from msgpack for the formatters.
 */
public final class RubyValues {
    private RubyValues() {
    }

    /** {@code value.to_s}; nil is the empty string. */
    public static String toS(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v == null) {
            return "";
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (v instanceof Map || v instanceof List) {
            StringBuilder b = new StringBuilder();
            inspect(v, b);
            return b.toString();
        }
        if (v instanceof Double || v instanceof Float) {
            return RubyText.floatToS(((Number) v).doubleValue());
        }
        return v.toString();
    }

    /** {@code value.inspect}. */
    public static void inspect(Object v, StringBuilder b) {
        if (v == null) {
            b.append("nil");
        } else if (v instanceof String s) {
            RubyText.inspect(s, b);
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(first ? "" : ", ");
                first = false;
                inspect(e.getKey(), b);
                b.append("=>");
                inspect(e.getValue(), b);
            }
            b.append('}');
        } else if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                b.append(i > 0 ? ", " : "");
                inspect(l.get(i), b);
            }
            b.append(']');
        } else if (v instanceof byte[] bytes) {
            RubyText.inspect(new String(bytes, StandardCharsets.UTF_8), b);
        } else {
            b.append(toS(v));
        }
    }

    /** {@code v.to_i rescue v.to_s.to_i}: Long, or BigInteger when it does not fit. */
    public static Object toI(Object v) {
        if (v instanceof Long || v instanceof BigInteger) {
            return v;
        }
        if (v instanceof Integer i) {
            return (long) i;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return 0L;
            }
            return narrow(new BigDecimal(d).toBigInteger());
        }
        String s = toS(v);
        int i = skipSpace(s, 0);
        int start = i;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        StringBuilder digits = new StringBuilder().append(start < i && s.charAt(start) == '-' ? "-" : "");
        int n = digitsWithUnderscores(s, i, digits);
        return n == 0 ? 0L : narrow(new BigInteger(digits.toString()));
    }

    /** {@code v.to_f}: Ruby reads the longest leading number and ignores the rest ("1.5abc" is 1.5, "abc" 0.0). */
    public static double toF(Object v) {
        if (v instanceof Number n && !(v instanceof BigInteger)) {
            return n.doubleValue();
        }
        String s = toS(v);
        int i = skipSpace(s, 0);
        StringBuilder num = new StringBuilder();
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            num.append(s.charAt(i++));
        }
        int intDigits = digitsWithUnderscores(s, i, num);
        i += consumed(s, i, intDigits);
        int fracDigits = 0;
        if (i + 1 < s.length() && s.charAt(i) == '.' && Character.isDigit(s.charAt(i + 1))) {
            num.append(intDigits == 0 ? "0." : ".");
            fracDigits = digitsWithUnderscores(s, i + 1, num);
            i += 1 + consumed(s, i + 1, fracDigits);
        }
        if (intDigits == 0 && fracDigits == 0) {
            return 0.0;
        }
        if (i + 1 < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            StringBuilder exp = new StringBuilder("e");
            if (s.charAt(j) == '+' || s.charAt(j) == '-') {
                exp.append(s.charAt(j++));
            }
            if (digitsWithUnderscores(s, j, exp) > 0) {
                num.append(exp);
            }
        }
        return Double.parseDouble(num.toString());
    }

    /** Appends the digits at {@code from} (single underscores between digits allowed); returns how many digits. */
    private static int digitsWithUnderscores(String s, int from, StringBuilder out) {
        int n = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
                n++;
            } else if (c == '_' && n > 0 && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                continue;
            } else {
                break;
            }
        }
        return n;
    }

    private static int consumed(String s, int from, int digits) {
        int i = from;
        int seen = 0;
        while (seen < digits && i < s.length()) {
            if (s.charAt(i) != '_') {
                seen++;
            }
            i++;
        }
        return i - from;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (Character.isWhitespace(s.charAt(i)))) {
            i++;
        }
        return i;
    }

    private static Object narrow(BigInteger b) {
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    /**
     * Ruby's {@code String#split(sep, limit)} with a string separator: a single space splits on runs of
     * whitespace ignoring leading whitespace (awk style); limit 0 drops trailing empty fields, a positive
     * limit caps the number of fields, the last one keeping the rest.
     */
    public static List<String> split(String s, String sep, int limit) {
        List<String> out = new ArrayList<>();
        boolean awk = sep.equals(" ");
        int i = awk ? skipSpace(s, 0) : 0;
        while (limit <= 0 || out.size() < limit - 1) {
            int end;
            int next;
            if (awk) {
                end = i;
                while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
                    end++;
                }
                if (end >= s.length()) {
                    break;
                }
                next = skipSpace(s, end);
            } else if (sep.isEmpty()) {
                if (i + 1 >= s.length()) {
                    break;
                }
                end = i + 1;
                next = end;
            } else {
                end = s.indexOf(sep, i);
                if (end < 0) {
                    break;
                }
                next = end + sep.length();
            }
            out.add(s.substring(i, end));
            i = next;
        }
        if (i < s.length() || limit > 0 || !awk) {
            out.add(s.substring(Math.min(i, s.length())));
        }
        if (limit == 0) {
            while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
                out.remove(out.size() - 1);
            }
        }
        return out;
    }
}
