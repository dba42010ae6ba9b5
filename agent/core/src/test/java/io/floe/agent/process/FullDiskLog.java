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
    /** The buffer's interval between two full-disk errors (DiskSpace.LOG_INTERVAL_NANOS). */
    static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private FullDiskLog() {
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
