package io.floe.inputs.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body or a query string as WEBrick's {@code parse_query}
 * reads it for in_http: fields split at {@code &} and {@code ;}, name and value at the first {@code =},
 * {@code +} a space and {@code %XX} a byte. Values stay bytes: a {@code msgpack=} field is binary, sent raw
 * or escaped. A name sent twice keeps its first value.
 */
final class FormFields {
    private FormFields() {
    }

    static Map<String, byte[]> parse(byte[] in, int off, int len) {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        int end = off + len;
        int start = off;
        for (int i = off; i <= end; i++) {
            if (i == end || in[i] == '&' || in[i] == ';') {
                field(in, start, i, fields);
                start = i + 1;
            }
        }
        return fields;
    }

    static Map<String, byte[]> parse(byte[] in) {
        return parse(in, 0, in.length);
    }

    private static void field(byte[] in, int from, int to, Map<String, byte[]> fields) {
        if (from >= to) {
            return;
        }
        int eq = from;
        while (eq < to && in[eq] != '=') {
            eq++;
        }
        String name = new String(unescape(in, from, eq), StandardCharsets.UTF_8);
        byte[] value = eq < to ? unescape(in, eq + 1, to) : new byte[0];
        fields.putIfAbsent(name, value);
    }

    private static byte[] unescape(byte[] in, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = in[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%' && hex(in, i + 1, to) >= 0 && hex(in, i + 2, to) >= 0) {
                out.write(hex(in, i + 1, to) << 4 | hex(in, i + 2, to));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** The value of the hex digit at {@code i}, or -1 when there is none. */
    private static int hex(byte[] in, int i, int to) {
        if (i >= to) {
            return -1;
        }
        int c = in[i];
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
