package io.floe.testkit.es;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy between the plugin and Elasticsearch that breaks the next requests on purpose, the ways clusters and
 * networks do: some bulk items refused with 429 (those items are really not sent on, so the server never has them),
 * the whole request answered 503 without reaching the server, or the request delivered and then the answer held back
 * until the client gives up or cut off mid-way (the server has the documents; the client cannot know).
 */
public final class FaultProxy implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One way to break one bulk request. */
    public sealed interface Fault permits RejectItems, Status, Held, Cut {
    }

    /** Items at these positions of the bulk get this status; the others go through. */
    public record RejectItems(Set<Integer> positions, int status, String type) implements Fault {
    }

    /** The whole request is answered with this status and never reaches the server. */
    public record Status(int status) implements Fault {
    }

    /**
     * Forwarded; the server's answer is held back until the proxy closes, so only the client's own timeout ends the
     * request. A fixed delay would race that timeout: on a busy machine the server alone can take longer, and then
     * the timeout says nothing about the fault.
     */
    public record Held() implements Fault {
    }

    /** Forwarded; the answer is cut off after its headers. */
    public record Cut() implements Fault {
    }

    private final HttpServer server;
    private final String target;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final AtomicInteger bulks = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);

    /** Listens on a free loopback port and passes requests on to {@code target} (e.g. {@code http://127.0.0.1:9200}). */
    public FaultProxy(String target) throws IOException {
        this(target, 0);
    }

    /** Listens on {@code port}: a cluster that was unreachable there comes up. */
    public FaultProxy(String target, int port) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The next bulk requests meet these faults, one each, in order; later ones pass. */
    public void next(Fault... f) {
        faults.addAll(List.of(f));
    }

    /** How many bulk requests came through (faulted or not). */
    public int bulks() {
        return bulks.get();
    }

    /** How many answers the server gave that are held back ({@link Held}): those requests are in the server. */
    public int held() {
        return held.get();
    }

    /** How many of the queued faults have not met a bulk yet. */
    public int faultsLeft() {
        return faults.size();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            boolean bulk = ex.getRequestURI().getPath().endsWith("/_bulk");
            Fault f = bulk ? faults.poll() : null;
            if (bulk) {
                bulks.incrementAndGet();
            }
            if (f instanceof Status s) {
                respond(ex, s.status(), "{\"error\":{\"type\":\"unavailable\",\"reason\":\"injected\"},\"status\":" + s.status() + "}");
                return;
            }
            if (f instanceof RejectItems r) {
                rejectItems(ex, body, r);
                return;
            }
            HttpResponse<byte[]> resp = forward(ex, body);
            if (f instanceof Held) {
                held.incrementAndGet();
                awaitClosing();
                return;   // the client stopped listening long ago
            }
            if (f instanceof Cut) {
                ex.sendResponseHeaders(resp.statusCode(), resp.body().length + 1000L);
                ex.getResponseBody().write(resp.body(), 0, Math.min(5, resp.body().length));
                ex.getResponseBody().flush();
                return;   // closing with bytes missing: the client sees the connection end mid-response
            }
            respond(ex, resp.statusCode(), resp.body());
        }
    }

    /** Sends on only the items not refused, then answers as a cluster would have for all of them. */
    private void rejectItems(HttpExchange ex, byte[] body, RejectItems r) throws IOException {
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
        StringBuilder kept = new StringBuilder();
        List<String> ops = new ArrayList<>();
        for (int i = 0; i + 1 < lines.length; i += 2) {
            ops.add(JSON.readTree(lines[i]).fieldNames().next());
            if (!r.positions().contains(i / 2)) {
                kept.append(lines[i]).append('\n').append(lines[i + 1]).append('\n');
            }
        }
        JsonNode forwarded = kept.length() == 0 ? null
                : JSON.readTree(forward(ex, kept.toString().getBytes(StandardCharsets.UTF_8)).body());
        ObjectNode out = JSON.createObjectNode();
        out.put("errors", true);
        ArrayNode items = out.putArray("items");
        int next = 0;
        for (int i = 0; i < ops.size(); i++) {
            if (r.positions().contains(i)) {
                ObjectNode item = items.addObject().putObject(ops.get(i));
                item.put("status", r.status());
                item.putObject("error").put("type", r.type()).put("reason", "injected by the test proxy");
            } else {
                items.add(forwarded.path("items").get(next++));
            }
        }
        respond(ex, 200, out.toString());
    }

    private HttpResponse<byte[]> forward(HttpExchange ex, byte[] body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
                .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : List.of("Content-Type", "Authorization", "Accept")) {
            String v = ex.getRequestHeaders().getFirst(h);
            if (v != null) {
                b.header(h, v);
            }
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        respond(ex, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        // The official client refuses answers that do not say they come from Elasticsearch.
        ex.getResponseHeaders().set("X-Elastic-Product", "Elasticsearch");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(body);
        }
    }

    private void awaitClosing() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
