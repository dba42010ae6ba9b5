package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/** What the full-disk tests check in the agent's log and working directory. */
final class FullDiskLog {
    /** What DiskSpace logs when it refuses (the path and free space are in the same line). */
    static final String FULL = "writes are refused, and not acknowledged, until space frees";
    /** The buffer's interval between two full-disk errors (DiskSpace.LOG_INTERVAL_NANOS). */
    static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private FullDiskLog() {
    }

    /** The full-disk errors in the agent's {@code log}. */
    static List<String> errors(List<String> log) {
        return log.stream().filter(l -> l.contains("[error]") && l.contains(FULL)).toList();
    }

    /** Once space is back and the agent has stopped: the full disk logged at most once per interval, its end logged, no crash. */
    static void assertRecovered(List<String> errors, AgentProcess agent, Path work) throws IOException {
        assertOncePerInterval(errors, agent.stderrLines());
        assertTrue(agent.stderr().contains("space is back"), agent.stderr());
        assertNoCrash(work, agent.stderr());
    }

    /** At least one error, and never two within the interval (log times have whole seconds). */
    static void assertOncePerInterval(List<String> errors, List<String> log) {
        assertFalse(errors.isEmpty(), "the full disk was logged: " + String.join("\n", log));
        for (int i = 1; i < errors.size(); i++) {
            long gap = Duration.between(time(errors.get(i - 1)), time(errors.get(i))).toSeconds();
            assertTrue(gap >= INTERVAL.toSeconds() - 1, "two full-disk errors " + gap + " s apart:\n" + errors.get(i - 1) + "\n" + errors.get(i));
        }
    }

    private static LocalDateTime time(String line) {
        return LocalDateTime.parse(line.substring(0, 19), TIME);
    }

    /** No crash report of the JVM (a SIGBUS from a memory-mapped write would leave one) and no such signal logged. */
    static void assertNoCrash(Path work, String stderr) throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            List<Path> reports = files.filter(p -> p.getFileName().toString().startsWith("hs_err")).toList();
            assertTrue(reports.isEmpty(), "JVM crash report: " + reports);
        }
        assertFalse(stderr.contains("SIGBUS"), stderr);
    }
}
