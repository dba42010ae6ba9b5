package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.testkit.Curl;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * in_http in the real agent process: curl's posts of each content type reach the output, and while the
 * output's buffer refuses writes (overflow_action throw_exception) the client is answered 500, never 200,
 * so that what it sends again once the output is back arrives exactly once; reloads neither refuse nor fail a
 * request.
 */
class HttpInputIT {
    private static final int TOTAL = 10_000;
    private static final int BATCH = 100;

    @RegisterExtension
    final Agents agents = new Agents();
    private final int port = agents.freePort();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    private String source(String... params) {
        List<String> lines = new ArrayList<>(List.of("bind 127.0.0.1", "port " + port, "@id http_in"));
        lines.addAll(List.of(params));
        return FluentConf.source("http", lines.toArray(String[]::new));
    }

    /** curl's status code. */
    private String curl(String path, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-o", "/dev/null", "-w", "%{http_code}"));
        all.addAll(List.of(args));
        return Curl.run("http://127.0.0.1:" + port + path, all);
    }

    @Test
    void curlsPostsOfEachContentTypeReachTheOutput() throws Exception {
        AgentProcess agent = agents.running("http.conf", source() + FluentConf.match("**", "stdout"));
        Path gz = agents.path("body.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("[{\"via\":\"gzip\"}]".getBytes(StandardCharsets.UTF_8));
        }
        Path mp = agents.write("body.msgpack", "");
        Files.write(mp, new byte[] {(byte) 0x81, (byte) 0xa3, 'v', 'i', 'a', (byte) 0xa7, 'm', 's', 'g', 'p', 'a', 'c', 'k'});
        assertEquals("200", curl("/app.form", "-d", "json={\"via\":\"form\"}"));
        assertEquals("200", curl("/app/json", "-H", "Content-Type: application/json", "-d", "[{\"via\":\"json1\"},{\"via\":\"json2\"}]"));
        assertEquals("200", curl("/app.nd", "-H", "Content-Type: application/x-ndjson", "--data-binary", "{\"via\":\"nd\"}\n"));
        assertEquals("200", curl("/app.mp", "-H", "Content-Type: application/msgpack", "--data-binary", "@" + mp));
        assertEquals("200", curl("/app.gz", "-H", "Content-Type: application/json", "-H", "Content-Encoding: gzip", "--data-binary", "@" + gz));
        assertEquals("400", curl("/app.bad", "-H", "Content-Type: application/json", "-d", "{\"via\":"));
        agent.awaitStdout(lines -> lines.stream().anyMatch(l -> l.contains("app.gz: {\"via\":\"gzip\"}")), Duration.ofSeconds(60));
        String out = String.join("\n", agent.stdoutLines());
        for (String expected : List.of("app.form: {\"via\":\"form\"}", "app.json: {\"via\":\"json1\"}", "app.json: {\"via\":\"json2\"}",
                "app.nd: {\"via\":\"nd\"}", "app.mp: {\"via\":\"msgpack\"}")) {
            assertTrue(out.contains(expected), expected + " in " + out);
        }
        assertTrue(!out.contains("app.bad"), out);
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
    }

    @Test
    void aFullBufferIsA500AndWhatTheClientSendsAgainArrivesExactlyOnce() throws Exception {
        String config = source() + FluentConf.jsonFile("app.**", "out_file", agents.path("blocked/app"),
                "@type file", "flush_mode interval", "flush_interval 100ms", "chunk_limit_size 64k", "total_limit_size 1m",
                "overflow_action throw_exception", "retry_wait 200ms", "retry_max_interval 500ms");
        Files.writeString(agents.path("blocked"), "not a directory");
        AgentProcess agent = agents.running("full.conf", config);

        int sent = 0;
        int status = 200;
        while (sent < TOTAL && status == 200) {
            status = post(sent);
            if (status == 200) {
                sent += BATCH;
            }
        }
        assertEquals(500, status, "the buffer refused a batch before all were taken");
        assertTrue(sent > 0 && sent < TOTAL, "taken before the refusal: " + sent);
        agent.awaitLog("failed to emit data", Duration.ofSeconds(60));

        Files.delete(agents.path("blocked"));
        for (int from = sent; from < TOTAL; from += BATCH) {
            int batch = from;
            // A client's retry: the same batch again until the agent holds it.
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> post(batch) == 200);
        }
        OutputFiles.awaitAll(agents.path("blocked"), TOTAL, Duration.ofSeconds(120));
        int[] counts = OutputFiles.seqCounts(agents.path("blocked"), TOTAL);
        assertEquals(0, OutputFiles.duplicates(counts), "a batch answered 500 was not kept");
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
    }

    @Test
    void reloadsNeitherRefuseNorFailARequestAndEveryBatchArrives() throws Exception {
        Path out = agents.path("out");
        AgentProcess agent = agents.running("reload.conf", reloadConfig(out, 0));
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<Integer> held = new CopyOnWriteArrayList<>();
        AtomicInteger answered = new AtomicInteger();
        AtomicBoolean posting = new AtomicBoolean(true);
        Thread poster = new Thread(() -> {
            // Round and round until the reloads are done: a batch sent again is simply in the output twice.
            for (int from = 0; posting.get(); from = (from + BATCH) % TOTAL) {
                int status;
                try {
                    status = post(from);
                } catch (IOException | InterruptedException e) {
                    status = -1;
                }
                statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                if (status == 200) {
                    held.add(from);
                }
                answered.incrementAndGet();
            }
        });
        poster.start();
        try {
            for (int i = 1; i <= 3; i++) {
                // Posts before and after each reload, so that some are in flight while it happens.
                int before = answered.get();
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> answered.get() >= before + 2);
                Files.writeString(agents.path("reload.conf"), reloadConfig(out, i));
                agent.signal("HUP");
                agent.awaitLogCount("configuration reloaded", i, Duration.ofSeconds(60));
            }
            int last = answered.get();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> answered.get() >= last + 2);
        } finally {
            posting.set(false);
            poster.join();
        }
        assertTrue(!statuses.containsKey(-1), "no request was refused a connection: " + statuses);
        assertTrue(statuses.get(200).get() > 0, statuses.toString());
        // Requests in hand reach the old outputs before they close, and those that come meanwhile wait for the new in_http.
        assertEquals(Set.of(200), statuses.keySet(), "every batch was held through the reloads: " + statuses);
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            int[] counts = OutputFiles.seqCounts(out, TOTAL);
            return held.stream().allMatch(from -> counts[from] > 0 && counts[from + BATCH - 1] > 0);
        });
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
    }

    /** Each generation a new configuration; the output keeps its id, so the next one takes over its buffer. */
    private String reloadConfig(Path out, int generation) {
        return source() + FluentConf.jsonFile("app.**", "out_file", out.resolve("app"), "flush_mode interval",
                "flush_interval " + (100 + generation) + "ms");
    }

    /** Posts events {@code from} .. {@code from + BATCH - 1} as one JSON array; the status. */
    private int post(int from) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("[");
        for (int i = from; i < from + BATCH; i++) {
            body.append(i == from ? "" : ",").append("{\"seq\":").append(i).append(",\"pad\":\"").append("x".repeat(280)).append("\"}");
        }
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/app.full")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())).build();
        return client.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
