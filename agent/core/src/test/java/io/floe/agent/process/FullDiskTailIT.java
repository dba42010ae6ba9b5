package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * As {@link FullDiskIT}, with in_tail as the input: the file buffer on a 48 MiB file system, the output down,
 * a log file of numbered 1 KiB lines that keeps growing while the disk is full. The tail position must
 * never pass what the buffer refused, so once the output is back (after 25 s) every line arrives.
 */
class FullDiskTailIT {
    private static final int FIRST_PART = 60_000;
    private static final int WHILE_FULL = 10_000;

    @Test
    void aFileGrowingWhileTheDiskIsFullIsDeliveredWhole(Agents agents) throws Exception {
        int receiverPort = agents.freePort();
        Path out = agents.path("receiver-out");
        Path logFile = Files.createDirectories(agents.path("logs")).resolve("app.log");
        int total = FIRST_PART + WHILE_FULL;
        String source = FluentConf.tail(logFile.toString(), agents.path("app.pos"), "tier.tail", "json", "@id in_tail", "read_from_head true");
        appendLines(logFile, 0, FIRST_PART);
        try (SmallDisk disk = SmallDisk.mount(agents.path("small"), FullDiskIT.DISK_MIB)) {
            String conf = FullDiskIT.agentConf(source, receiverPort, disk.path().resolve("buffer"), "");
            ForwardReceiver receiver = new ForwardReceiver(agents.path("receiver"), receiverPort, out);
            // Stopped here, not after the test: the disk cannot be unmounted while the agent holds its buffer.
            try (AgentProcess agent = agents.runningIn("agent", conf)) {
                long start = System.nanoTime();
                agent.awaitLog(FullDiskLog.FULL, Duration.ofSeconds(120));
                appendLines(logFile, FIRST_PART, total);
                Awaitility.await().atMost(FullDiskIT.OUTAGE.plusSeconds(60))
                        .until(() -> System.nanoTime() - start >= FullDiskIT.OUTAGE.toNanos());

                receiver.up();
                OutputFiles.awaitAll(out, total, Duration.ofMinutes(3));
                long usedAfter = disk.awaitUsedBelow(2L << 20, Duration.ofMinutes(1));
                assertEquals(0, agent.stop(Duration.ofSeconds(60)));

                int[] counts = OutputFiles.seqCounts(out, total);
                List<String> fullLines = FullDiskLog.errors(agent.stderrLines());
                System.out.printf("full disk (tail): %d lines, loss %d, duplicates %d, %d full-disk errors logged, disk use after %d KiB%n",
                        total, OutputFiles.missing(counts), OutputFiles.duplicates(counts), fullLines.size(), usedAfter >> 10);
                assertEquals(0, OutputFiles.missing(counts), "every line of the file arrived");
                FullDiskLog.assertRecovered(fullLines, agent, agents.path("agent"));
            } finally {
                receiver.close();
            }
        }
    }

    /** Lines {"seq":N,"log":"..."} of about 1 KiB, for seq from..to-1. */
    private static void appendLines(Path file, int from, int to) throws IOException {
        String pad = "x".repeat(1000);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (int i = from; i < to; i++) {
                w.write("{\"seq\":" + i + ",\"log\":\"" + pad + "\"}\n");
            }
        }
    }
}
