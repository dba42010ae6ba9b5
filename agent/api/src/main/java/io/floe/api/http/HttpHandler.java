package io.floe.api.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers requests on one route. It is called on the listener's handler threads, never on its event
 * loop, so it may compute (a scrape) or wait; an exception, thrown or completing the stage, becomes a
 * 500 and a warning in the log.
 */
@FunctionalInterface
public interface HttpHandler {
    CompletionStage<HttpResponse> handle(HttpRequest request) throws Exception;

    /** A handler that answers at once. */
    static HttpHandler sync(Sync handler) {
        return request -> CompletableFuture.completedFuture(handler.handle(request));
    }

    /** The shape of a handler that has its answer at once. */
    @FunctionalInterface
    interface Sync {
        HttpResponse handle(HttpRequest request) throws Exception;
    }
}
