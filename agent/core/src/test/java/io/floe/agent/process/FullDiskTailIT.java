package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.io.TempDir;

/**
 * As {@link FullDiskIT}, with in_tail as the input: the file buffer on a 48 MiB file system, the output down,
 * a log file of numbered 1 KiB lines that keeps growing while the disk is full. The tail position must
 * never pass what the buffer refused, so once the output is back (after 25 s) every line arrives.
 */
class FullDiskTailIT {
    private static final int FIRST_PART = 60_000;
    private static final int WHILE_FULL = 10_000;

    @TempDir
    Path dir;

    @Test
    void aFileGrowingWhileTheDiskIsFullIsDeliveredWhole() throws Exception {
        int receiverPort = AgentProcess.freePort();
        Path out = dir.resolve("receiver-out");
        Path work = Files.createDirectories(dir.resolve("agent"));
        Path logFile = Files.createDirectories(dir.resolve("logs")).resolve("app.log");
        int total = FIRST_PART + WHILE_FULL;
        String source = """
                <source>
                  @type tail
                  @id in_tail
                  path %s
                  pos_file %s
                  tag tier.tail
                  read_from_head true
                  <parse>
                    @type json
                  </parse>
                </source>
                """.formatted(logFile, dir.resolve("app.pos"));
        appendLines(logFile, 0, FIRST_PART);
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("small"), FullDiskIT.DISK_MIB)) {
            Path conf = Files.writeString(work.resolve("agent.conf"),
                    FullDiskIT.agentConf(source, receiverPort, disk.path().resolve("buffer"), ""));
            ForwardReceiver receiver = new ForwardReceiver(dir.resolve("receiver"), receiverPort, out);
            try (AgentProcess agent = AgentProcess.start(work, "-c", conf.toString())) {
                agent.awaitRunning();
                long start = System.nanoTime();
                agent.awaitLog(FullDiskIT.FULL, Duration.ofSeconds(120));
                appendLines(logFile, FIRST_PART, total);
                Awaitility.await().atMost(FullDiskIT.OUTAGE.plusSeconds(60))
                        .until(() -> System.nanoTime() - start >= FullDiskIT.OUTAGE.toNanos());

                receiver.up();
                OutputFiles.awaitAll(out, total, Duration.ofMinutes(3));
                Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).until(() -> disk.used() < 2L << 20);
                long usedAfter = disk.used();
                assertEquals(0, agent.stop(Duration.ofSeconds(60)));

                int[] counts = OutputFiles.seqCounts(out, total);
                List<String> log = agent.stderrLines();
                List<String> fullLines = log.stream().filter(l -> l.contains("[error]") && l.contains(FullDiskIT.FULL)).toList();
                System.out.printf("full disk (tail): %d lines, loss %d, duplicates %d, %d full-disk errors logged, disk use after %d KiB%n",
                        total, OutputFiles.missing(counts), OutputFiles.duplicates(counts), fullLines.size(), usedAfter >> 10);
                assertEquals(0, OutputFiles.missing(counts), "every line of the file arrived");
                FullDiskLog.assertOncePerInterval(fullLines, log);
                assertTrue(agent.stderr().contains("space is back"), agent.stderr());
                FullDiskLog.assertNoCrash(work, agent.stderr());
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
