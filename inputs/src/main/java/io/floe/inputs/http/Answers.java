package io.floe.inputs.http;

import io.floe.api.http.HttpResponse;
import java.util.Map;

/** in_http's answers, in Fluentd's words: text/plain, the status line repeated with the reason on errors. */
final class Answers {
    /** Fluentd's 1x1 transparent GIF. */
    private static final byte[] EMPTY_GIF = {
        'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, (byte) 0x80, (byte) 0xff, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0,
        ',', 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 'D', 1, 0, ';'};

    private final boolean emptyImg;
    private final boolean noContent;

    Answers(boolean emptyImg, boolean noContent) {
        this.emptyImg = emptyImg;
        this.noContent = noContent;
    }

    /** The events are held (or there were none). */
    HttpResponse accepted() {
        if (emptyImg) {
            return HttpResponse.of(200, "image/gif; charset=utf-8", EMPTY_GIF);
        }
        return noContent ? HttpResponse.of(204, null, new byte[0]) : ok();
    }

    /** Fluentd answers GET (health checks) 200 and emits nothing. */
    static HttpResponse ok() {
        return HttpResponse.text(200, "");
    }

    static HttpResponse badRequest(String why) {
        return HttpResponse.text(400, "400 Bad Request\n" + why + "\n");
    }

    /** A body that could not be decompressed: Fluentd answers 400 with no reason. */
    static HttpResponse undecodable() {
        return HttpResponse.text(400, "");
    }

    static HttpResponse tooLarge() {
        return HttpResponse.text(413, "Too large");
    }

    static HttpResponse forbidden() {
        return HttpResponse.text(403, "");
    }

    /** An output refused the events: the client should send them again. */
    static HttpResponse refused(String why) {
        return HttpResponse.text(500, "500 Internal Server Error\n" + why + "\n");
    }

    static HttpResponse with(HttpResponse r, Map<String, String> headers) {
        HttpResponse out = r;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            out = out.withHeader(h.getKey(), h.getValue());
        }
        return out;
    }
}
