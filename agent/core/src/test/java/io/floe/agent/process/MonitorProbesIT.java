package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code /healthz} and {@code /readyz} as a Kubernetes probe sees them, on the real agent: ready once
 * listening; not ready while an output has been stuck in retry past the threshold (the output's
 * directory cannot be created: a plain file stands in its way), alive all along; ready again once the
 * output recovers. While retrying, the output's entry has Fluentd's retry details.
 */
class MonitorProbesIT {
    @Test
    void readyzIsNotReadyWhileAnOutputIsStuckInRetryAndReadyAgainAfter(Agents agents) throws Exception {
        int forwardPort = agents.freePort();
        int monitorPort = agents.freePort();
        String config = FluentConf.source("sample", "tag test.x", "rate 5", "auto_increment_key seq") + FluentConf.forward(forwardPort)
                + FluentConf.monitor(monitorPort, "ready_retry_threshold 2s")
                + FluentConf.file("test.**", "out_file", agents.path("blocked/app"), retryingForever("@type file"));
        Path blocker = Files.writeString(agents.path("blocked"), "not a directory");
        MonitorHttp http = new MonitorHttp(monitorPort);
        AgentProcess agent = agents.running("probes.conf", config);
        assertEquals(200, http.status("/healthz"));

        agent.awaitLog("failed to flush the buffer", Duration.ofSeconds(60));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.status("/readyz") == 503);
        HttpResponse<String> notReady = http.get("/readyz");
        JsonNode body = MonitorHttp.parse(notReady.body());
        assertEquals(false, body.get("ready").asBoolean());
        assertTrue(body.get("reasons").toString().contains("out_file (file): retrying for"), notReady.body());
        assertEquals(200, http.status("/healthz"), "stuck in retry is not dead: a restart would not help");

        JsonNode retrying = http.json("/api/plugins.json");
        // healthy_nodes_count and registered_nodes_count belong to the forward output, not to file.
        FluentdSamples.assertSameShape(FluentdSamples.load("fluentd-monitor-agent-sample-forward-retrying.json"), withFileAsTheOutput(retrying),
                Set.of("healthy_nodes_count", "registered_nodes_count"));
        JsonNode out = FluentdSamples.find(retrying, "output", "file");
        assertTrue(out.get("retry_count").asLong() >= 2, out.toString());
        assertTrue(out.get("retry").get("steps").asInt() >= 1, out.toString());
        assertTrue(out.get("retry").get("start").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}"), out.toString());
        assertTrue(out.get("buffer_queue_length").asInt() >= 1, out.toString());

        Files.delete(blocker);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.status("/readyz") == 200);
        assertEquals("{\"ready\":true}", http.get("/readyz").body());
        JsonNode recovered = FluentdSamples.find(http.json("/api/plugins.json"), "output", "file");
        assertEquals(0, recovered.get("retry").size(), recovered.toString());
        assertTrue(recovered.get("write_count").asLong() >= 1, recovered.toString());
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
    }

    @Test
    void readyOnlyOnceTheListenerAcceptsAndAliveThroughout(Agents agents) throws Exception {
        int monitorPort = agents.freePort();
        int forwardPort = agents.freePort();
        Path conf = agents.write("plain.conf", FluentConf.monitor(monitorPort) + FluentConf.forward(forwardPort) + FluentConf.discard("**"));
        MonitorHttp http = new MonitorHttp(monitorPort);
        AgentProcess agent = agents.start("-c", conf.toString());
        // The monitor starts before the forward listener (config order): it may answer 503 first,
        // but once it answers 200 a client can connect.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> http.status("/readyz") == 200);
        try (java.net.Socket client = new java.net.Socket("127.0.0.1", forwardPort)) {
            assertTrue(client.isConnected());
        }
        assertEquals(200, http.status("/healthz"));
        assertEquals("{\"alive\":true}", http.get("/healthz").body());
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
    }

    @Test
    void readyzIsNotReadyWhileABufferRefusesWrites(Agents agents) throws Exception {
        int monitorPort = agents.freePort();
        String big = "x".repeat(500);
        String config = FluentConf.source("sample", "tag test.x", "rate 10", "size 20", "sample {\"message\":\"" + big + "\"}")
                + FluentConf.monitor(monitorPort, "ready_retry_threshold 1h")
                + FluentConf.file("test.**", "out_small", agents.path("blocked/app"),
                retryingForever("@type memory", "total_limit_size 64k", "chunk_limit_size 8k"));
        Path blocker = Files.writeString(agents.path("blocked"), "not a directory");
        MonitorHttp http = new MonitorHttp(monitorPort);
        AgentProcess agent = agents.running("full.conf", config);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.status("/readyz") == 503);
        String reasons = http.get("/readyz").body();
        assertTrue(reasons.contains("out_small (file): buffer is full, writes are refused"), reasons);
        assertFalse(reasons.contains("retrying"), "the retry threshold is an hour: " + reasons);
        assertEquals(200, http.status("/healthz"));

        Files.delete(blocker);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.status("/readyz") == 200);
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
    }

    /** The lines of a {@code <buffer>} flushed every 200 ms and retried quickly and forever, after {@code storage}'s. */
    private static String[] retryingForever(String... storage) {
        List<String> lines = new ArrayList<>(List.of(storage));
        lines.addAll(List.of("flush_mode interval", "flush_interval 200ms", "retry_wait 300ms", "retry_max_interval 1s", "retry_forever true"));
        return lines.toArray(String[]::new);
    }

    /** The retrying sample's output is a forward output; Floe's retrying output here is file, compared key by key. */
    private static JsonNode withFileAsTheOutput(JsonNode floe) throws Exception {
        String text = floe.toString().replace("\"type\":\"file\"", "\"type\":\"forward\"");
        return MonitorHttp.parse(text);
    }
}
