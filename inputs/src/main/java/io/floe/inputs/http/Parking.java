package io.floe.inputs.http;

import io.floe.api.http.HttpHandler;
import io.floe.api.http.HttpMount;
import io.floe.api.http.HttpRequest;
import io.floe.api.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * in_http's mount between two configurations: a reload stops this input's pipeline (its outputs close) before
 * the next one's in_http runs, so requests that come meanwhile wait here, unanswered, and are handled by the
 * next configuration's in_http once it takes the mount over ({@link #resume}). Left on the
 * {@link io.floe.api.Handover}; when no in_http takes it, the agent closes it and the waiting requests are
 * answered 503, so their clients send them again. What waits is bounded by the server's body memory.
 */
final class Parking implements AutoCloseable {
    private record Parked(HttpRequest request, CompletableFuture<HttpResponse> answer) {
    }

    private final HttpMount mount;
    private final List<Parked> parked = new ArrayList<>();
    private HttpHandler next;
    private boolean closed;

    Parking(HttpMount mount) {
        this.mount = mount;
    }

    HttpMount mount() {
        return mount;
    }

    CompletionStage<HttpResponse> park(HttpRequest request) throws Exception {
        HttpHandler handler;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.completedFuture(stopped());
            }
            if (next == null) {
                CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
                parked.add(new Parked(request, answer));
                return answer;
            }
            handler = next;
        }
        return handler.handle(request);
    }

    /** The next configuration's in_http handles what waits here, and what still comes this way. */
    void resume(HttpHandler handler) {
        List<Parked> waiting;
        synchronized (this) {
            next = handler;
            waiting = new ArrayList<>(parked);
            parked.clear();
        }
        for (Parked p : waiting) {
            try {
                handler.handle(p.request()).whenComplete((r, e) -> {
                    if (e != null) {
                        p.answer().completeExceptionally(e);
                    } else {
                        p.answer().complete(r);
                    }
                });
            } catch (Exception | Error e) {
                p.answer().completeExceptionally(e);
            }
        }
    }

    /** Nobody took the mount over: what waits is answered 503 and the port closed. */
    @Override
    public void close() {
        List<Parked> waiting;
        synchronized (this) {
            closed = true;
            waiting = new ArrayList<>(parked);
            parked.clear();
        }
        waiting.forEach(p -> p.answer().complete(stopped()));
        mount.close();
    }

    private static HttpResponse stopped() {
        return HttpResponse.text(503, "503 Service Unavailable\nin_http stopped\n");
    }
}
