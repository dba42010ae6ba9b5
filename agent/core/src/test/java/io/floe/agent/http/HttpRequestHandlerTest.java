package io.floe.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.http.HttpHandler;
import io.floe.api.http.HttpMountOptions;
import io.floe.api.http.HttpRequest;
import io.floe.api.http.HttpResponse;
import io.floe.api.http.HttpRoutes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The server's pipeline on an {@link EmbeddedChannel}: bytes in as a client sends them, bytes out as it reads them. */
class HttpRequestHandlerTest {
    private static final int MAX_BODY = 1024;

    /** A response as read off the wire. */
    private record Wire(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final BodyMemory memory = new BodyMemory(1 << 20);
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<HttpRequest> seen = new AtomicReference<>();

    private HttpRoutes routes() {
        return HttpRoutes.builder()
                .any("/hello", HttpHandler.sync(r -> {
                    calls.incrementAndGet();
                    seen.set(r);
                    return HttpResponse.text(200, "hello " + r.rawQuery());
                }))
                .on("/post-only", Set.of("POST"), HttpHandler.sync(r -> HttpResponse.text(200, new String(r.body(), StandardCharsets.UTF_8))))
                .on("/get-only", Set.of("GET"), HttpHandler.sync(r -> HttpResponse.text(200, "got")))
                .any("/fails", HttpHandler.sync(r -> {
                    throw new IllegalStateException("broken");
                }))
                .build();
    }

    /** The handler threads are the test's own: each request is handled before writeInbound returns. */
    private EmbeddedChannel channel(HttpRoutes routes) {
        EmbeddedChannel ch = new EmbeddedChannel();
        List<Mounted> mounts = List.of(new Mounted("test", LoggerFactory.getLogger("test"), routes,
                new HttpMountOptions(MAX_BODY, HttpMountOptions.DEFAULT.keepaliveTimeout())));
        HttpListener.pipeline(ch.pipeline(), MAX_BODY, HttpMountOptions.DEFAULT.keepaliveTimeout(), memory, () -> mounts, Runnable::run,
                LoggerFactory.getLogger("test"));
        return ch;
    }

    private static void send(EmbeddedChannel ch, String request) {
        ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        ch.runPendingTasks();
    }

    /** Every response written so far, parsed. */
    private static List<Wire> responses(EmbeddedChannel ch) {
        StringBuilder all = new StringBuilder();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            all.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        List<Wire> out = new ArrayList<>();
        String rest = all.toString();
        while (!rest.isEmpty()) {
            int end = rest.indexOf("\r\n\r\n");
            String[] lines = rest.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            // A HEAD response's length is the GET's, with no body behind it.
            boolean head = length > 0 && (rest.length() == end + 4 || rest.startsWith("HTTP/1.1 ", end + 4));
            String body = head ? "" : rest.substring(end + 4, Math.min(rest.length(), end + 4 + length));
            out.add(new Wire(Integer.parseInt(lines[0].split(" ")[1]), headers, body));
            rest = rest.substring(end + 4 + (head ? 0 : body.length()));
        }
        return out;
    }

    /** Sends a GET with {@code headers} (each "Name: value") and reads its one response. */
    private static Wire get(EmbeddedChannel ch, String target, String... headers) {
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: x\r\n");
        for (String h : headers) {
            request.append(h).append("\r\n");
        }
        send(ch, request.append("\r\n").toString());
        return only(ch);
    }

    private static void assertJson(int status, String body, Wire r) {
        assertEquals(status, r.status());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals(body, r.body());
    }

    private static Wire only(EmbeddedChannel ch) {
        List<Wire> r = responses(ch);
        assertEquals(1, r.size(), r.toString());
        return r.get(0);
    }

    @Test
    void aRouteAnswersWithLengthTypeAndDateAndTheConnectionStaysOpenForTheNextRequest() {
        EmbeddedChannel ch = channel(routes());
        Wire first = get(ch, "/hello?a=1&b=%20", "X-Thing: one");
        assertEquals(200, first.status());
        assertEquals("hello a=1&b=%20", first.body());
        assertEquals("text/plain", first.header("Content-Type"));
        assertEquals(Integer.toString("hello a=1&b=%20".length()), first.header("Content-Length"));
        assertTrue(first.header("Date").endsWith("GMT"), first.headers().toString());
        assertNull(first.header("Connection"));
        assertEquals("one", seen.get().header("x-thing"));
        assertEquals("/hello", seen.get().path());
        assertTrue(ch.isActive());

        assertEquals("hello null", get(ch, "/hello").body());
        assertEquals(2, calls.get());
        assertTrue(ch.isActive());
    }

    @Test
    void anUnknownPathIsFluentdsNotFoundUnlessTheMountHasItsOwn() {
        EmbeddedChannel ch = channel(routes());
        assertJson(404, "{\"message\":\"Not found\"}", get(ch, "/nope"));

        EmbeddedChannel own = channel(HttpRoutes.builder().include(routes())
                .notFound(HttpHandler.sync(q -> HttpResponse.json(404, ("{\"missing\":\"" + q.path() + "\"}").getBytes(StandardCharsets.UTF_8))))
                .build());
        assertEquals("{\"missing\":\"/nope\"}", get(own, "/nope").body());
    }

    @Test
    void aMethodTheRouteDoesNotTakeIs405NamingTheOnesItDoes() {
        EmbeddedChannel ch = channel(routes());
        Wire r = get(ch, "/post-only");
        assertEquals(405, r.status());
        assertEquals("POST", r.header("Allow"));
        send(ch, "DELETE /get-only HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals("GET, HEAD", only(ch).header("Allow"));
        send(ch, "POST /post-only HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody");
        Wire ok = only(ch);
        assertEquals(200, ok.status());
        assertEquals("body", ok.body());
    }

    @Test
    void headGetsTheGetsHeadersAndNoBody() {
        EmbeddedChannel ch = channel(routes());
        send(ch, "HEAD /get-only HTTP/1.1\r\nHost: x\r\n\r\n");
        send(ch, "GET /get-only HTTP/1.1\r\nHost: x\r\n\r\n");
        List<Wire> r = responses(ch);
        assertEquals(2, r.size(), r.toString());
        assertEquals(200, r.get(0).status());
        assertEquals("3", r.get(0).header("Content-Length"));
        assertEquals("", r.get(0).body());
        assertEquals("got", r.get(1).body());
    }

    @Test
    void aBodyOverTheBoundIsRefusedWithoutReachingTheHandler() {
        EmbeddedChannel ch = channel(routes());
        send(ch, "POST /hello HTTP/1.1\r\nHost: x\r\nContent-Length: " + (MAX_BODY + 1) + "\r\n\r\n" + "x".repeat(MAX_BODY + 1));
        Wire r = only(ch);
        assertEquals(413, r.status());
        assertEquals(0, calls.get());
    }

    @Test
    void aChunkedBodyGrowingOverTheBoundIsRefusedToo() {
        EmbeddedChannel ch = channel(routes());
        String chunk = Integer.toHexString(600) + "\r\n" + "x".repeat(600) + "\r\n";
        send(ch, "POST /hello HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk + "0\r\n\r\n");
        assertEquals(413, responses(ch).get(0).status());
        assertEquals(0, calls.get());
        assertFalse(ch.isActive());
    }

    @Test
    void aBodysBytesAreHeldUntilItsAnswerIsWrittenAndGivenBackAfter() {
        CompletableFuture<HttpResponse> later = new CompletableFuture<>();
        EmbeddedChannel ch = channel(HttpRoutes.builder().any("/slow", r -> later).build());
        send(ch, "POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n" + "x".repeat(100));
        assertEquals(100, memory.held(), "the body is held while its handler works");
        later.complete(HttpResponse.text(200, "ok"));
        ch.runPendingTasks();
        assertEquals(200, only(ch).status());
        assertEquals(0, memory.held());
    }

    @Test
    void aBodyThatDoesNotFitBesideTheOthersHeldIs503AndItsConnectionClosed() {
        CompletableFuture<HttpResponse> later = new CompletableFuture<>();
        EmbeddedChannel first = channel(HttpRoutes.builder().any("/slow", r -> later).build());
        send(first, "POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(1000));
        memory.take((1 << 20) - 1000, 0);

        EmbeddedChannel second = channel(routes());
        send(second, "POST /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n" + "x".repeat(10));
        assertEquals(503, only(second).status());
        assertFalse(second.isActive());
        assertEquals(0, calls.get());
        assertEquals(1 << 20, memory.held(), "the refused body's bytes were given back");
    }

    @Test
    void theOnlyBodyHeldAlwaysFitsUpToItsMountsLimit() {
        BodyMemory tiny = new BodyMemory(10);
        assertTrue(tiny.take(500, 0), "nothing else is held");
        assertTrue(tiny.take(500, 500), "the body is the only one held");
        assertFalse(tiny.take(1, 0), "another body does not fit beside it");
        tiny.give(1000);
        assertEquals(0, tiny.held());
    }

    @Test
    void aBodyCutShortByTheClientGoingAwayIsGivenBack() {
        EmbeddedChannel ch = channel(routes());
        send(ch, "POST /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n" + "x".repeat(200));
        assertEquals(200, memory.held());
        ch.close();
        assertEquals(0, memory.held());
    }

    @Test
    void aRequestLineOverTheBoundIsRefusedAndTheConnectionClosed() {
        EmbeddedChannel ch = channel(routes());
        assertEquals(414, get(ch, "/hello?" + "q".repeat(HttpListener.MAX_INITIAL_LINE)).status());
        assertEquals(0, calls.get());
        assertFalse(ch.isActive());
    }

    @Test
    void connectionCloseAndHttp10WithoutKeepAliveCloseAfterTheResponse() {
        EmbeddedChannel ch = channel(routes());
        Wire r = get(ch, "/hello", "Connection: close");
        assertEquals(200, r.status());
        assertEquals("close", r.header("Connection"));
        assertFalse(ch.isActive());

        EmbeddedChannel old = channel(routes());
        send(old, "GET /hello HTTP/1.0\r\n\r\n");
        assertEquals(200, only(old).status());
        assertFalse(old.isActive());

        EmbeddedChannel kept = channel(routes());
        send(kept, "GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertEquals("keep-alive", only(kept).header("Connection"));
        assertTrue(kept.isActive());
    }

    @Test
    void aFailingHandlerIsA500SayingWhy() {
        EmbeddedChannel ch = channel(routes());
        assertJson(500, "{\"message\":\"Internal Server Error\",\"error\":\"java.lang.IllegalStateException: broken\"}", get(ch, "/fails"));
        assertTrue(ch.isActive());
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheirOrderWhicheverFinishesFirst() {
        CompletableFuture<HttpResponse> slow = new CompletableFuture<>();
        EmbeddedChannel ch = channel(HttpRoutes.builder()
                .any("/slow", r -> slow)
                .any("/fast", HttpHandler.sync(r -> HttpResponse.text(200, "fast")))
                .build());
        send(ch, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(responses(ch).isEmpty(), "nothing before the first answer");
        assertFalse(ch.config().isAutoRead(), "no more is read while requests are in hand");
        slow.complete(HttpResponse.text(200, "slow"));
        ch.runPendingTasks();
        List<Wire> r = responses(ch);
        assertEquals(List.of("slow", "fast"), r.stream().map(Wire::body).toList());
        assertTrue(ch.config().isAutoRead());
    }

    @Test
    void afterSentRunsOnceTheResponseIsWritten() {
        AtomicInteger after = new AtomicInteger();
        EmbeddedChannel ch = channel(HttpRoutes.builder()
                .any("/stop", HttpHandler.sync(r -> HttpResponse.text(200, "bye").thenRun(after::incrementAndGet)))
                .build());
        assertEquals("bye", get(ch, "/stop").body());
        assertEquals(1, after.get());
    }
}
