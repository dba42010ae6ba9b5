package io.floe.agent.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.floe.api.http.HttpResponse;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * The server's own answers (404, 405, 500 and the protocol errors) in Fluentd monitor_agent's JSON
 * shape, and the one place a response becomes Netty's: length, date, keep-alive, no body for HEAD.
 */
final class HttpResponses {
    private static final JsonFactory JSON = new JsonFactory();

    private HttpResponses() {
    }

    static HttpResponse notFound() {
        return HttpResponse.json(404, message("Not found", null));
    }

    static HttpResponse notAllowed(Set<String> allowed) {
        return HttpResponse.json(405, message("Method Not Allowed", null)).withHeader("Allow", String.join(", ", allowed));
    }

    /** Fluentd's monitor_agent answers a failure with the error's class and message; so does every route. */
    static HttpResponse internalError(Throwable e) {
        return HttpResponse.json(500, message("Internal Server Error", e.toString()));
    }

    static HttpResponse error(HttpResponseStatus status) {
        return HttpResponse.json(status.code(), message(status.reasonPhrase(), null));
    }

    private static byte[] message(String message, String error) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("message", message);
            if (error != null) {
                g.writeStringField("error", error);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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
