package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.bench.Entries;
import io.floe.testkit.ForwardClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The agent's own log as operators configure it: {@code <system> log_level} with a plugin's
 * {@code @log_level} above it, {@code <log> format json}, repeated warnings suppressed, and the log's
 * lines captured as {@code fluent.*} events into {@code <label @FLUENT_LOG>} or a top-level
 * {@code <match fluent.**>}. The repeated warning is a real one: a full buffer refusing every message.
 */
class AgentLogIT {
    private static final String OVERFLOW = "failed to write data into buffer by buffer overflow";
    private static final int MESSAGES = 30;

    private static String overflowingOutput(Path dir) {
        return FluentConf.file("app.**", "out_app", dir.resolve("app/out"), "@type memory", "chunk_limit_size 2k", "total_limit_size 4k",
                "flush_mode interval", "flush_interval 1h");
    }

    /** Messages of ~1 KiB without ack: after the first few, each one is refused by the full buffer. */
    private static void overflow(int port) throws IOException {
        try (ForwardClient c = new ForwardClient("127.0.0.1", port, Duration.ofSeconds(10))) {
            for (int i = 0; i < MESSAGES; i++) {
                c.send(ForwardClient.Mode.PACKED, "app.x", Entries.numbered(i, 1, 1000, 1_700_000_000L), 1, null);
                c.flush();
            }
        }
    }

    @Test
    void systemLevelPluginLevelJsonFormatSuppressionAndTheFluentLogLabel(Agents agents) throws Exception {
        int port = agents.freePort();
        String config = FluentConf.system("log_level warn", "ignore_same_log_interval 60s", "<log>\nformat json\n</log>")
                + FluentConf.forward(port, "@id in_fw", "@log_level info") + overflowingOutput(agents.dir())
                + FluentConf.label("@FLUENT_LOG", FluentConf.file("fluent.**", "out_fluent_log", agents.path("fluentlog/log"), "@type memory",
                "flush_mode immediate"));
        AgentProcess agent = agents.start("-c", agents.write("log.conf", config).toString());
        // @log_level info lets the input's own info line through although <system> says warn.
        agent.awaitLog("[in_fw] listening port", Duration.ofSeconds(60));
        overflow(port);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> OutputFiles.text(agents.path("fluentlog")).contains(OVERFLOW));

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = agent.stderrLines().stream().filter(l -> l.startsWith("{")).map(l -> parse(json, l)).toList();
        assertFalse(lines.isEmpty(), agent.stderr());
        for (JsonNode l : lines) {
            assertTrue(l.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}"), l.toString());
            assertTrue(l.has("level") && l.has("message") && l.get("worker_id").asInt() == 0, l.toString());
        }
        assertTrue(lines.stream().noneMatch(l -> l.get("level").asText().equals("info") && !l.get("message").asText().startsWith("[in_fw]")),
                "log_level warn: the agent's info lines are not written\n" + agent.stderr());
        long overflowLines = lines.stream().filter(l -> l.get("message").asText().contains(OVERFLOW)).count();
        assertEquals(1, overflowLines, "ignore_same_log_interval: the same warning once\n" + agent.stderr());
        assertTrue(lines.stream().anyMatch(l -> l.get("level").asText().equals("warn")
                && l.get("message").asText().equals("[out_app] " + OVERFLOW + " action=throw_exception")));

        // The captured event: out_file's default format, tab-separated time, tag and record.
        String captured = OutputFiles.text(agents.path("fluentlog"));
        assertTrue(captured.lines().anyMatch(l -> l.contains("\tfluent.warn\t{\"message\":\"[out_app] " + OVERFLOW)), captured);
        assertEquals(1, captured.lines().filter(l -> l.contains(OVERFLOW)).count(), captured);
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
    }

    @Test
    void withoutTheLabelATopLevelMatchCapturesTheLogAndRepeatsAreSuppressed(Agents agents) throws Exception {
        int port = agents.freePort();
        String config = FluentConf.system("ignore_repeated_log_interval 60s") + FluentConf.forward(port) + overflowingOutput(agents.dir())
                + FluentConf.file("fluent.**", null, agents.path("fluentlog/log"), "@type memory", "flush_mode immediate");
        AgentProcess agent = agents.running("log.conf", config);
        assertTrue(agent.stderr().contains("define <match fluent.**> to capture fluentd logs in top level is deprecated"));
        overflow(port);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> OutputFiles.text(agents.path("fluentlog")).contains(OVERFLOW));
        String captured = OutputFiles.text(agents.path("fluentlog"));
        assertTrue(captured.lines().anyMatch(l -> l.contains("\tfluent.info\t{\"message\":\"floe worker is now running worker=0\"}")), captured);
        // Repeated means consecutive on one thread: the input's one warning about the refused emit comes
        // between the first and second overflow warning, so the overflow is said twice, not ~27 times.
        // The agent works through the client's messages after the client is gone: wait for the second
        // warning, and count once the agent has stopped, when nothing more can be logged.
        agent.awaitLogCount(OVERFLOW, 2, Duration.ofSeconds(60));
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
        assertEquals(2, agent.logCount(OVERFLOW),
                "ignore_repeated_log_interval: consecutive repeats once\n" + agent.stderr());
        assertTrue(agent.stderrLines().stream().anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d{4} \\[warn\\]: \\[out_app\\] " + OVERFLOW + ".*")),
                "Fluentd's text line format\n" + agent.stderr());
    }

    private static JsonNode parse(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
