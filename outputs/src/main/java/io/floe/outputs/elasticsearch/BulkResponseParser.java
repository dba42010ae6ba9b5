package io.floe.outputs.elasticsearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code _bulk} response (requested with {@code filter_path=errors,items.*.status,items.*.error}) item by
 * item with a streaming parser: only the status and, for failures, the error's type and reason are kept.
 */
final class BulkResponseParser {
    /** Query parameter that trims the response to what {@link #parse} reads. */
    static final String FILTER_PATH = "errors,items.*.status,items.*.error";

    private static final JsonFactory JSON = new JsonFactory();

    /** One item's outcome; {@code type} and {@code reason} are null for a success. */
    record Item(int status, String type, String reason) {
    }

    private BulkResponseParser() {
    }

    static List<Item> parse(byte[] body, int off, int len) throws IOException {
        List<Item> items = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body, off, len)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("items") && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        items.add(item(p));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return items;
    }

    /** {@code {"index": {"status": 201, "error": {...}}}}: the operation's name is the only field. */
    private static Item item(JsonParser p) throws IOException {
        Item result = new Item(0, null, null);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            int status = 0;
            String type = null;
            String reason = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken v = p.nextToken();
                if (f.equals("status") && v == JsonToken.VALUE_NUMBER_INT) {
                    status = p.getIntValue();
                } else if (f.equals("error") && v == JsonToken.START_OBJECT) {
                    String[] e = error(p);
                    type = e[0];
                    reason = e[1];
                } else if (f.equals("error") && v == JsonToken.VALUE_STRING) {
                    reason = p.getText();   // some proxies and old servers send a bare string
                } else {
                    p.skipChildren();
                }
            }
            result = new Item(status, type, reason);
        }
        return result;
    }

    /** The type and reason; a caused_by reason is appended, as it usually names the offending value. */
    private static String[] error(JsonParser p) throws IOException {
        String type = null;
        String reason = null;
        String cause = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            if (f.equals("type") && v == JsonToken.VALUE_STRING) {
                type = p.getText();
            } else if (f.equals("reason") && v == JsonToken.VALUE_STRING) {
                reason = p.getText();
            } else if (f.equals("caused_by") && v == JsonToken.START_OBJECT) {
                String[] c = error(p);
                cause = c[0] + ": " + c[1];
            } else {
                p.skipChildren();
            }
        }
        return new String[] {type, cause == null ? reason : reason + " (caused by " + cause + ")"};
    }

    private static void expect(JsonToken got, JsonToken want, JsonParser p) throws IOException {
        if (got != want) {
            throw new IOException("unexpected bulk response: " + got + " at " + p.currentLocation());
        }
    }
}
