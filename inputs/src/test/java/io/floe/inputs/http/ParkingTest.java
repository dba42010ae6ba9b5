package io.floe.inputs.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.http.HttpMount;
import io.floe.api.http.HttpRequest;
import io.floe.api.http.HttpResponse;
import io.floe.api.http.HttpRoutes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Requests that come while a reload swaps configurations wait for the next in_http, or are answered 503 when there is none. */
class ParkingTest {
    private boolean closed;
    private final HttpMount mount = new HttpMount() {
        @Override
        public int port() {
            return 9880;
        }

        @Override
        public void serve(HttpRoutes routes) {
        }

        @Override
        public void close() {
            closed = true;
        }
    };

    private static HttpRequest post(String path) {
        return new HttpRequest("POST", path, null, Map.of(), new byte[0], null);
    }

    @Test
    void waitingRequestsAreHandledByTheNextInputOnceItTakesOver() throws Exception {
        Parking parking = new Parking(mount);
        CompletionStage<HttpResponse> waiting = parking.park(post("/a"));
        assertFalse(waiting.toCompletableFuture().isDone());
        parking.resume(r -> CompletableFuture.completedFuture(HttpResponse.text(200, r.path())));
        assertEquals("/a", new String(waiting.toCompletableFuture().get().body()));
        assertEquals("/b", new String(parking.park(post("/b")).toCompletableFuture().get().body()), "later ones go straight on");
        assertFalse(closed);
    }

    @Test
    void withoutANextInputTheWaitingAre503AndThePortCloses() throws Exception {
        Parking parking = new Parking(mount);
        List<CompletableFuture<HttpResponse>> waiting = List.of(parking.park(post("/a")).toCompletableFuture(),
                parking.park(post("/b")).toCompletableFuture());
        parking.close();
        for (CompletableFuture<HttpResponse> w : waiting) {
            assertEquals(503, w.get().status());
        }
        assertTrue(closed);
        assertEquals(503, parking.park(post("/c")).toCompletableFuture().get().status());
    }
}
