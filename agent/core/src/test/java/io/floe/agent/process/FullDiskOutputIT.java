package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * out_file writing to a full file system: every chunk write fails (ENOSPC) and is retried, nothing is
 * written half (a partial line would be a corrupt record, a retried half a duplicate), and once space
 * frees everything is written, exactly once, without a restart.
 */
class FullDiskOutputIT {
    @Test
    void outFileOnAFullDiskRetriesLosesNothingAndResumes(Agents agents) throws Exception {
        int port = agents.freePort();
        int total = 20_000;
        try (SmallDisk disk = SmallDisk.mount(agents.path("small"), 16)) {
            Path out = disk.path().resolve("out");
            Files.createDirectories(out);
            Path filler = disk.path().resolve("filler");
            disk.fill(filler);
            String config = FluentConf.forward(port) + FluentConf.jsonFile("app.**", "out_file", out.resolve("app"),
                    "@type file", "flush_mode interval", "flush_interval 200ms", "retry_wait 200ms", "retry_max_interval 1s");
            try (AgentProcess agent = agents.running("out-file.conf", config)) {
                new ForwardFeeder(port, "app.full", 500, 4).send(total, Duration.ofMinutes(2));
                agent.awaitLogCount("failed to flush the buffer", 3, Duration.ofSeconds(60));
                assertTrue(agent.stderr().contains("No space left on device"), agent.stderr());
                assertEquals(0, partialLines(out), "a failed write leaves nothing half written");

                Files.delete(filler);
                OutputFiles.awaitAll(out, total, Duration.ofMinutes(2));
                assertEquals(0, agent.stop(Duration.ofSeconds(60)));
                int[] counts = OutputFiles.seqCounts(out, total);
                System.out.printf("out_file on a full disk: %d events, loss %d, duplicates %d%n", total,
                        OutputFiles.missing(counts), OutputFiles.duplicates(counts));
                assertEquals(0, OutputFiles.missing(counts));
                assertEquals(0, OutputFiles.duplicates(counts), "a refused write was undone, so its retry is the only copy");
                assertEquals(0, partialLines(out));
                FullDiskLog.assertNoCrash(agents.dir(), agent.stderr());
            }
        }
    }

    private static long partialLines(Path out) throws IOException {
        long n = 0;
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                n += lines.stream().filter(l -> !l.startsWith("{") || !l.endsWith("}")).count();
            }
        }
        return n;
    }
}
