package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The output goes down and comes back. "Down" is real: a plain file stands where the output's
 * directory must be created, so every write fails until the test removes it.
 */
class OutputOutageIT {
    @RegisterExtension
    final Agents agents = new Agents();
    /** A new one for each test: JUnit makes an instance per test. */
    private final int port = agents.freePort();

    /**
     * Starts the agent on {@code confName} with the output down (a plain file stands where its directory must be
     * created), sends {@code total} events with {@code feeder} and returns once a flush of them has failed.
     */
    private AgentProcess fedWhileDown(String confName, String extraBuffer, ForwardFeeder feeder, int total, Duration sendFor) throws Exception {
        Path conf = agents.write(confName, FluentConf.forward(port) + FluentConf.jsonFile("app.**", "out_file",
                agents.path("blocked/app"), "@type file", "flush_mode interval", "flush_interval 200ms", extraBuffer));
        Files.writeString(agents.path("blocked"), "not a directory");
        AgentProcess agent = agents.start("-c", conf.toString());
        try {
            feeder.send(total, sendFor);
            agent.awaitLog("failed to flush the buffer", Duration.ofSeconds(60));
            return agent;
        } catch (Exception | Error e) {
            agent.close();
            throw e;
        }
    }

    /** Takes the plain file away so that the output can write, and waits until every one of {@code total} events is written. */
    private void outputUp(int total) throws Exception {
        Files.delete(agents.path("blocked"));
        OutputFiles.awaitAll(agents.path("blocked"), total, Duration.ofSeconds(60));
    }

    /** Once the agent has stopped, when nothing more can be written: every event is there, and once. */
    private void assertWrittenOnce(int total) throws Exception {
        int[] counts = OutputFiles.seqCounts(agents.path("blocked"), total);
        assertEquals(0, OutputFiles.missing(counts));
        assertEquals(0, OutputFiles.duplicates(counts), "nothing crashed, so nothing is written twice");
    }

    /** The public "disk buffer persistence" test that Fluentd and Fluent Bit failed. */
    @Test
    void outputDownSendStopStartOutputUpEverythingArrives() throws Exception {
        int total = 100_000;
        String retries = "retry_wait 200ms\nretry_max_interval 1s";
        try (AgentProcess agent = fedWhileDown("persist.conf", retries, new ForwardFeeder(port, "app.persist", 1000, 4), total, Duration.ofMinutes(2))) {
            assertEquals(0, agent.stop(Duration.ofSeconds(30)));
        }
        try (AgentProcess agent = agents.start("-c", agents.path("persist.conf").toString())) {
            agent.awaitRunning();
            outputUp(total);
            assertEquals(0, agent.stop(Duration.ofSeconds(30)));
            assertWrittenOnce(total);
        }
    }

    /** Retries follow the configured backoff while the output is down for 30 s; then all is delivered. */
    @Test
    void aThirtySecondOutageIsRetriedOnTheBackoffScheduleAndDelivered() throws Exception {
        int total = 10_000;
        String backoff = "retry_wait 1s\nretry_exponential_backoff_base 2\nretry_randomize false";
        AgentProcess agent = fedWhileDown("outage.conf", backoff, new ForwardFeeder(port, "app.outage", 500, 4), total, Duration.ofMinutes(1));
        long downSince = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> System.nanoTime() - downSince >= Duration.ofSeconds(30).toNanos());
        outputUp(total);
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));

        List<LocalDateTime> failures = failureTimes(agent.stderrLines());
        // Attempts at t, t+1, t+3, t+7, t+15, t+31 (1 s doubling): five failures before the write that works.
        assertEquals(5, failures.size(), String.join("\n", agent.stderrLines()));
        for (int k = 1; k < failures.size(); k++) {
            long gap = Duration.between(failures.get(k - 1), failures.get(k)).toSeconds();
            long expected = 1L << (k - 1);
            assertTrue(Math.abs(gap - expected) <= 1, "retry " + k + " came " + gap + " s after the previous, expected " + expected + " s");
        }
        assertTrue(agent.stderr().contains("retry_count=5"), agent.stderr());
        assertWrittenOnce(total);
    }

    private static List<LocalDateTime> failureTimes(List<String> log) {
        Pattern p = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) \\+0000 \\[warn\\]: \\[out_file\\] failed to flush the buffer\\. retry_times=");
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        List<LocalDateTime> out = new ArrayList<>();
        for (String line : log) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                out.add(LocalDateTime.parse(m.group(1), f));
            }
        }
        return out;
    }
}
