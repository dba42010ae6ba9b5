package io.floe.api.http;

import java.net.SocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as a handler sees it: the body is already read, within the listener's bound.
 *
 * @param method the request method, upper case as sent ({@code GET}, {@code HEAD}, {@code POST})
 * @param path the decoded-as-sent path without the query ({@code /api/plugins.json})
 * @param rawQuery the query string as sent, without {@code ?}; null when there is none
 * @param headers the headers by lower-case name, values in the order sent
 * @param body the request body, empty when none was sent
 * @param remote the client's address
 */
public record HttpRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
                          SocketAddress remote) {

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public boolean isHead() {
        return method.equals("HEAD");
    }
}
