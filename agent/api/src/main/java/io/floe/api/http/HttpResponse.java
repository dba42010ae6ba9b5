package io.floe.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers. The server adds {@code Content-Length}, {@code Date} and the connection
 * headers, and leaves the body out for {@code HEAD}.
 *
 * @param headers further headers, by name
 * @param afterSent run once the response is written to the client (or the client went away): for an
 *                  action, like a stop, whose own shutdown would otherwise wait for the exchange
 */
public record HttpResponse(int status, String contentType, byte[] body, Map<String, String> headers, Runnable afterSent) {
    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain";
    public static final String HTML = "text/html; charset=utf-8";
    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public static HttpResponse of(int status, String contentType, byte[] body) {
        return new HttpResponse(status, contentType, body, Map.of(), null);
    }

    public static HttpResponse of(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse json(int status, byte[] body) {
        return of(status, JSON, body);
    }

    /**
     * A flat JSON object of {@code fields} in their order: strings, booleans, numbers, null (a field
     * whose value is null is left out). Values are escaped as JSON requires, whoever sent them.
     */
    public static HttpResponse json(int status, Map<String, ?> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON_FACTORY.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, ?> f : fields.entrySet()) {
                Object v = f.getValue();
                if (v instanceof Boolean b) {
                    g.writeBooleanField(f.getKey(), b);
                } else if (v instanceof Number n) {
                    g.writeFieldName(f.getKey());
                    g.writeNumber(n.toString());
                } else if (v != null) {
                    g.writeStringField(f.getKey(), v.toString());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json(status, out.toByteArray());
    }

    public static HttpResponse text(int status, String body) {
        return of(status, TEXT, body);
    }

    public static HttpResponse html(int status, byte[] body) {
        return of(status, HTML, body);
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpResponse(status, contentType, body, h, afterSent);
    }

    /** The same response, running {@code action} once it is written. */
    public HttpResponse thenRun(Runnable action) {
        return new HttpResponse(status, contentType, body, headers, action);
    }
}
