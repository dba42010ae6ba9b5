package io.floe.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.http.HttpHandler;
import io.floe.api.http.HttpMount;
import io.floe.api.http.HttpMountOptions;
import io.floe.api.http.HttpResponse;
import io.floe.api.http.HttpRoutes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The agent's listeners on real sockets: who shares a port, who may not, when the port is free again. */
class HttpListenersTest {
    private static final Logger LOG = LoggerFactory.getLogger("test");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private final HttpListeners http = new HttpListeners(threshold -> HttpRoutes.builder().build());

    private static HttpRoutes saying(String path, String text) {
        return HttpRoutes.builder().any(path, HttpHandler.sync(r -> HttpResponse.text(200, text))).build();
    }

    private java.net.http.HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void twoMountsOnOneAddressShareOneListenerAndItClosesWithTheLast() throws Exception {
        HttpMount monitor = http.mount("127.0.0.1", 0, "monitor", LOG, saying("/metrics", "m"));
        int port = monitor.port();
        HttpMount rpc = http.mount("127.0.0.1", port, "rpc", LOG, saying("/api/config.reload", "r"));
        assertEquals(port, rpc.port());
        assertEquals("m", get(port, "/metrics").body());
        assertEquals("r", get(port, "/api/config.reload").body());

        monitor.close();
        assertEquals(404, get(port, "/metrics").statusCode());
        assertEquals("r", get(port, "/api/config.reload").body());

        rpc.close();
        assertThrows(ConnectException.class, () -> get(port, "/api/config.reload"));
        try (ServerSocket again = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertTrue(again.isBound(), "the port is free once the last mount closed");
        }
    }

    @Test
    void aPathAnotherMountServesIsRefused() throws Exception {
        try (HttpMount first = http.mount("127.0.0.1", 0, "monitor_agent-a", LOG, saying("/metrics", "a"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> http.mount("127.0.0.1", first.port(), "monitor_agent-b", LOG, saying("/metrics", "b")));
            assertTrue(e.getMessage().contains("monitor_agent-a"), e.getMessage());
            assertEquals("a", get(first.port(), "/metrics").body());
        }
    }

    @Test
    void serveSwapsAMountsRoutesOnTheSamePort() throws Exception {
        try (HttpMount m = http.mount("127.0.0.1", 0, "monitor", LOG, saying("/old", "old"))) {
            m.serve(saying("/new", "new"));
            assertEquals("new", get(m.port(), "/new").body());
            assertEquals(404, get(m.port(), "/old").statusCode());
        }
    }

    @Test
    void portZeroIsANewListenerEachTime() throws Exception {
        try (HttpMount a = http.mount("127.0.0.1", 0, "a", LOG, saying("/x", "a"));
             HttpMount b = http.mount("127.0.0.1", 0, "b", LOG, saying("/x", "b"))) {
            assertNotEquals(a.port(), b.port());
            assertEquals("a", get(a.port(), "/x").body());
            assertEquals("b", get(b.port(), "/x").body());
        }
    }

    @Test
    void aTakenPortIsAnIOException() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThrows(IOException.class, () -> http.mount("127.0.0.1", taken.getLocalPort(), "rpc", LOG, saying("/x", "x")));
        }
    }

    @Test
    void eachMountOnASharedListenerTakesBodiesUpToItsOwnLimit() throws Exception {
        HttpRoutes echo = HttpRoutes.builder().any("/events", HttpHandler.sync(r -> HttpResponse.text(200, "" + r.body().length))).build();
        try (HttpMount input = http.mount("127.0.0.1", 0, "in_http", LOG, echo, new HttpMountOptions(1 << 20, Duration.ofSeconds(10)));
             HttpMount monitor = http.mount("127.0.0.1", input.port(), "monitor", LOG, saying("/metrics", "m"))) {
            String large = "x".repeat(200_000);
            assertEquals("200000", post(input.port(), "/events", large).body());
            assertEquals(413, post(input.port(), "/metrics", large).statusCode(), "monitor takes only small bodies");
            assertEquals(413, post(input.port(), "/events", "x".repeat((1 << 20) + 1)).statusCode());
        }
    }

    private java.net.http.HttpResponse<String> post(int port, String path, String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aListenerServesHttpOrHttpsNotBoth() throws Exception {
        try (HttpMount plain = http.mount("127.0.0.1", 0, "monitor", LOG, saying("/metrics", "m"))) {
            HttpMountOptions https = new HttpMountOptions(1024, Duration.ofSeconds(10), () -> {
                throw new AssertionError("no connection is made");
            });
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> http.mount("127.0.0.1", plain.port(), "in_http", LOG, saying("/x", "x"), https));
            assertEquals("in_http wants HTTPS on a port that serves HTTP", e.getMessage());
        }
    }
}
