package io.floe.parsers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text to plain Java values (LinkedHashMap, ArrayList, String, Long/BigInteger, Double, Boolean, null)
 * with Jackson's streaming parser, in one pass and without a data-binding layer. Duplicate keys keep the
 * last value, as Ruby's JSON parsers do; large decimals become doubles (Fluentd's Oj default).
 */
public final class JsonValues {
    /** Field names are not interned (keys of log lines are unbounded); doubles use the fast, exact parser. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private JsonValues() {
    }

    /**
     * The single JSON value the whole text holds.
     *
     * @throws IOException when the text is not one JSON value (also when something follows it)
     */
    public static Object parse(String text) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            return whole(p);
        }
    }

    /** The JSON object the whole text holds; null when it holds another value or is not JSON. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        try {
            return parse(text) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** {@link #parse(String)} of UTF-8 bytes; also throws on bytes that are not UTF-8. */
    public static Object parse(byte[] utf8, int offset, int length) throws IOException {
        try (JsonParser p = FACTORY.createParser(utf8, offset, length)) {
            return whole(p);
        }
    }

    private static Object whole(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new IOException("empty JSON text");
        }
        Object v = read(p, t);
        if (p.nextToken() != null) {
            throw new IOException("unexpected data after the JSON value");
        }
        return v;
    }

    /** Reads the value starting at the current token {@code t}. */
    public static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                String key;
                while ((key = p.nextFieldName()) != null) {
                    m.put(key, read(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (next == null) {
                        throw new IOException("unterminated JSON array");
                    }
                    l.add(read(p, next));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token " + t);
        }
    }
}
