package io.floe.outputs.format;

import io.floe.codec.event.Records;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Ruby's {@code to_s} and {@code inspect} of msgpack values, read straight from the unpacker. The ltsv,
 * csv, tsv, single_value and hash formatters print values this way, so a nested map comes out as
 * {@code {"a"=>1}} and nil as an empty string, exactly as Fluentd prints them (Ruby before 3.4).
 */
public final class RubyText {
    private static final int LOGGED_CHARS = 1024;

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

    /**
     * A client's text (a tag, a record value) for an error message: Ruby's String#inspect, cut short, since a tag may
     * be as long as a forward frame.
     */
    public static String forLog(String s) {
        String cut = s.length() <= LOGGED_CHARS ? s : s.substring(0, LOGGED_CHARS);
        StringBuilder b = new StringBuilder(cut.length() + 8);
        quote(cut, b);
        if (cut != s) {
            b.append("... (").append(s.length()).append(" characters)");
        }
        return b.toString();
    }

    static void quote(String s, StringBuilder b) {
        io.floe.codec.text.RubyText.inspect(s, b);
    }

    public static String rubyFloat(double d) {
        return io.floe.codec.text.RubyText.floatToS(d);
    }
}
