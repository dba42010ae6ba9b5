package io.floe.agent.http;

import io.floe.api.http.HttpResponse;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The server's own answers (404, 405, 500 and the protocol errors) in Fluentd monitor_agent's JSON
 * shape, and the one place a response becomes Netty's: length, date, keep-alive, no body for HEAD.
 */
final class HttpResponses {
    private HttpResponses() {
    }

    static HttpResponse notFound() {
        return message(404, "Not found", null);
    }

    static HttpResponse notAllowed(Set<String> allowed) {
        return message(405, "Method Not Allowed", null).withHeader("Allow", String.join(", ", allowed));
    }

    /** Fluentd's monitor_agent answers a failure with the error's class and message; so does every route. */
    static HttpResponse internalError(Throwable e) {
        return message(500, "Internal Server Error", e.toString());
    }

    static HttpResponse error(HttpResponseStatus status) {
        return message(status.code(), status.reasonPhrase(), null);
    }

    private static HttpResponse message(int status, String message, String error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("error", error);
        return HttpResponse.json(status, body);
    }

    /** @param http10 an HTTP/1.0 client keeps the connection only when told so */
    static FullHttpResponse toNetty(HttpResponse r, boolean head, boolean keepAlive, boolean http10) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
        out.headers().set(HttpHeaderNames.DATE, DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        if (r.contentType() != null) {
            out.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        }
        r.headers().forEach(out.headers()::set);
        HttpUtil.setContentLength(out, r.body().length);
        if (!keepAlive) {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10) {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return out;
    }
}
