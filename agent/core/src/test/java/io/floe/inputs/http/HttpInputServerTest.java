package io.floe.inputs.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.agent.http.HttpListeners;
import io.floe.api.EventRouter;
import io.floe.api.http.HttpRoutes;
import io.floe.codec.event.Event;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventTime;
import io.floe.testkit.Curl;
import io.floe.testkit.FakeContext;
import io.floe.testkit.Gzip;
import io.floe.testkit.Mp;
import io.floe.testkit.Sections;
import io.floe.testkit.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * in_http on the agent's real HTTP server, posted to by real senders: curl for every content type, batches,
 * gzip, an oversize body and bad JSON, and the JDK's HttpClient as an application's HTTP library.
 */
class HttpInputServerTest {
    /** One emit the input made. */
    private record Emit(String tag, List<Event> events) {
    }

    private final List<Emit> emits = new CopyOnWriteArrayList<>();
    /** What the outputs answer an emit; a test makes them refuse. */
    private volatile Supplier<CompletionStage<Void>> outputs = () -> CompletableFuture.completedFuture(null);
    private final EventRouter router = (tag, events) -> {
        CompletionStage<Void> outcome = outputs.get();
        if (!outcome.toCompletableFuture().isCompletedExceptionally()) {
            emits.add(new Emit(tag, decode(events)));
        }
        return outcome;
    };
    private final HttpListeners server = new HttpListeners(threshold -> HttpRoutes.builder().build());
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private final FakeContext ctx = new FakeContext("in_http_test", "http");
    private HttpInput input;
    @TempDir
    Path dir;

    private static List<Event> decode(EventStream events) {
        try {
            return events.decode();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private int start(String... params) throws Exception {
        List<String> lines = new ArrayList<>(List.of("@type http", "bind 127.0.0.1", "port 0"));
        lines.addAll(List.of(params));
        ctx.router(router);
        ctx.http = server;
        input = new HttpInput(Sections.bind(HttpInput.Config.class, Sections.of("source", "", lines.toArray(String[]::new))), ctx);
        input.start();
        return input.port();
    }

    @AfterEach
    void stop() {
        if (input != null) {
            input.stop();
        }
    }

    /** curl's status line and body, with {@code args} before the URL. */
    private String curl(int port, String path, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-o", "-", "-w", "\n%{http_code}"));
        all.addAll(List.of(args));
        return Curl.run("http://127.0.0.1:" + port + path, all);
    }

    private List<Map<String, Object>> records() {
        return emits.stream().flatMap(e -> e.events().stream()).map(Event::record).toList();
    }

    @Test
    void curlsFormFieldJsonBodyNdjsonAndMsgpackEachBecomeEventsTaggedByThePath() throws Exception {
        int port = start();
        assertEquals("\n200", curl(port, "/app.log", "-X", "POST", "-d", "json={\"foo\":\"bar\"}"));
        assertEquals("\n200", curl(port, "/app/web", "-H", "Content-Type: application/json", "-d", "{\"a\":1}"));
        assertEquals("\n200", curl(port, "/nd", "-H", "Content-Type: application/x-ndjson", "--data-binary", "{\"k\":1}\n{\"k\":2}\n"));
        Path mp = dir.resolve("body.msgpack");
        Files.write(mp, Mp.stream(Mp.map("m", "p")));
        assertEquals("\n200", curl(port, "/mp", "-H", "Content-Type: application/msgpack", "--data-binary", "@" + mp));

        assertEquals(List.of("app.log", "app.web", "nd", "mp"), emits.stream().map(Emit::tag).toList());
        assertEquals(List.of(Map.of("foo", "bar"), Map.of("a", 1L), Map.of("k", 1L), Map.of("k", 2L), Map.of("m", "p")), records());
        assertEquals(4, ctx.metrics.emitCount.sum());
        assertEquals(5, ctx.metrics.emitRecords.sum());
    }

    @Test
    void aJsonArrayIsOneBatchAndTheTimeParameterSetsItsTime() throws Exception {
        int port = start();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append('}');
        }
        Path body = dir.resolve("batch.json");
        Files.writeString(body, batch.append(']'));
        assertEquals("\n200", curl(port, "/batch?time=1518756037.5", "-H", "Content-Type: application/json", "--data-binary", "@" + body));
        assertEquals(1, emits.size());
        assertEquals(1000, emits.get(0).events().size());
        assertEquals(new EventTime(1518756037, 500_000_000), emits.get(0).events().get(999).time());
    }

    @Test
    void aGzipBodyIsInflatedAndABombIs413() throws Exception {
        int port = start("body_size_limit 1m");
        Path gz = dir.resolve("body.json.gz");
        Files.write(gz, Mp.gzipMembers("[{\"z\":1},{\"z\":2}]".getBytes(StandardCharsets.UTF_8)));
        assertEquals("\n200", curl(port, "/gz", "-H", "Content-Type: application/json", "-H", "Content-Encoding: gzip",
                "--data-binary", "@" + gz));
        assertEquals(List.of(Map.of("z", 1L), Map.of("z", 2L)), records());

        Path bomb = dir.resolve("bomb.gz");
        Files.write(bomb, Gzip.zeros(64));
        assertEquals("Too large\n413", curl(port, "/gz", "-H", "Content-Type: application/json", "-H", "Content-Encoding: gzip",
                "--data-binary", "@" + bomb));
        assertEquals(1, emits.size());
    }

    @Test
    void aBodyOverTheLimitIs413AndBadJsonIs400WithNothingEmitted() throws Exception {
        int port = start("body_size_limit 4k");
        Path large = dir.resolve("large.json");
        Files.writeString(large, "{\"x\":\"" + "y".repeat(5000) + "\"}");
        assertTrue(curl(port, "/big", "-H", "Content-Type: application/json", "--data-binary", "@" + large).endsWith("\n413"));

        String bad = curl(port, "/bad", "-H", "Content-Type: application/json", "-d", "[{\"a\":1},{\"a\":");
        assertTrue(bad.startsWith("400 Bad Request\npattern not matched with data '[{\"a\":1},{\"a\":'"), bad);
        assertTrue(bad.endsWith("\n400"), bad);
        assertEquals(List.of(), emits);
        assertTrue(ctx.log.errors().stream().anyMatch(l -> l.contains("failed to process request")), ctx.log.lines.toString());
    }

    @Test
    void whenTheOutputsRefuseTheEventsTheAnswerIs500SoTheClientSendsThemAgain() throws Exception {
        int port = start();
        outputs = () -> CompletableFuture.failedFuture(new IllegalStateException("buffer space has too many data"));
        String r = curl(port, "/full", "-H", "Content-Type: application/json", "-d", "{\"a\":1}");
        assertEquals("500 Internal Server Error\nbuffer space has too many data\n\n500", r);
        assertEquals(1, ctx.metrics.numErrors.sum());

        CompletableFuture<Void> held = new CompletableFuture<>();
        outputs = () -> held;
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"a\":2}")).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(60)).until(() -> !emits.isEmpty());
        assertFalse(answer.isDone(), "no answer before the outputs hold the events");
        held.complete(null);
        assertEquals(200, answer.get(60, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void anHttpClientLibraryPostsAndCorsIsAnsweredAsFluentdDoes() throws Exception {
        int port = start("cors_allow_origins [\"http://app.example\"]", "use_204_response true", "add_remote_addr true");
        URI uri = URI.create("http://127.0.0.1:" + port + "/lib.event");
        HttpResponse<String> posted = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Origin", "http://app.example").POST(HttpRequest.BodyPublishers.ofString("[{\"a\":1},{\"a\":2}]")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, posted.statusCode());
        assertEquals("http://app.example", posted.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals(List.of(Map.of("a", 1L, "REMOTE_ADDR", "127.0.0.1"), Map.of("a", 2L, "REMOTE_ADDR", "127.0.0.1")), records());

        HttpResponse<String> other = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.ofString("{\"a\":3}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, other.statusCode());
        assertEquals(2, records().size());

        String preflight = curl(port, "/lib.event", "-i", "-X", "OPTIONS", "-H", "Origin: http://app.example",
                "-H", "Access-Control-Request-Method: POST", "-H", "Access-Control-Request-Headers: Content-Type");
        assertTrue(preflight.startsWith("HTTP/1.1 200"), preflight);
        assertTrue(preflight.contains("Access-Control-Allow-Methods: POST"), preflight);
        assertTrue(preflight.contains("Access-Control-Allow-Origin: http://app.example"), preflight);

        HttpResponse<byte[]> get = client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, get.statusCode());
        assertArrayEquals(new byte[0], get.body());
        assertEquals(2, records().size(), "a GET is a health check: nothing is emitted");
    }

    @Test
    void transportTlsServesHttpsToCurlAndTheHttpClient() throws Exception {
        TestCertificates.Pem cert = TestCertificates.selfSigned(dir, "server");
        int port = start("<transport tls>", "cert_path " + cert.certPath(), "private_key_path " + cert.keyPath(), "</transport>");
        String r = Curl.run("https://127.0.0.1:" + port + "/secure.log", List.of("-o", "-", "-w", "%{http_code}", "--cacert",
                cert.certPath().toString(), "-H", "Content-Type: application/json", "-d", "{\"tls\":true}"));
        assertEquals("200", r);
        HttpClient https = HttpClient.newBuilder().sslContext(TestCertificates.clientContext(cert, null)).build();
        HttpResponse<String> posted = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/secure.lib"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"tls\":2}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, posted.statusCode());
        assertEquals(List.of("secure.log", "secure.lib"), emits.stream().map(Emit::tag).toList());
        assertTrue(Curl.run("http://127.0.0.1:" + port + "/plain", List.of("-o", "/dev/null", "-w", "%{http_code}", "-d", "json={}"))
                .contains("000"), "plain HTTP gets no answer on the HTTPS port");
    }
}
