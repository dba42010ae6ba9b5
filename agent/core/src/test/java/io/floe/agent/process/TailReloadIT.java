package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tail input across reloads: its position file carries the cursor from one configuration to the
 * next, so lines written before, during and after each reload are read once, none twice.
 */
class TailReloadIT {
    private static final int LINES_PER_ROUND = 2000;
    private static final int RELOADS = 3;

    @TempDir
    Path dir;

    @Test
    void linesWrittenAcrossReloadsAreReadOnceEach() throws Exception {
        Path log = dir.resolve("app.log");
        Files.createFile(log);
        Path conf = dir.resolve("tail.conf");
        Files.writeString(conf, config(log, "500ms"));
        int total = LINES_PER_ROUND * (RELOADS + 1);
        try (AgentProcess agent = AgentProcess.start(dir, "-c", conf.toString())) {
            agent.awaitLog("is now running", Duration.ofSeconds(60));
            int written = 0;
            for (int round = 0; round <= RELOADS; round++) {
                written = append(log, written, LINES_PER_ROUND / 2);
                if (round < RELOADS) {
                    Files.writeString(conf, config(log, round % 2 == 0 ? "300ms" : "500ms"));
                    agent.signal("HUP");
                }
                written = append(log, written, LINES_PER_ROUND / 2);
                if (round < RELOADS) {
                    int reloads = round + 1;
                    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                            .until(() -> count(agent.stderr(), "configuration reloaded") >= reloads);
                }
            }
            Path out = dir.resolve("out");
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> OutputFiles.missing(OutputFiles.seqCounts(out, total)) == 0);
            assertEquals(0, agent.stop(Duration.ofSeconds(30)));
            int[] counts = OutputFiles.seqCounts(out, total);
            assertEquals(0, OutputFiles.missing(counts), "every line is read");
            assertEquals(0, OutputFiles.duplicates(counts), "no line is read twice: the cursor survived each reload");
        }
    }

    private String config(Path log, String flushInterval) {
        return """
                <source>
                  @type tail
                  @id in_tail
                  path %s
                  pos_file %s/app.pos
                  tag app
                  read_from_head true
                  <parse>
                    @type json
                  </parse>
                </source>
                <match app>
                  @type file
                  @id out_file
                  path %s/out/app
                  <format>
                    @type json
                  </format>
                  <buffer>
                    @type file
                    flush_mode interval
                    flush_interval %s
                  </buffer>
                </match>
                """.formatted(log, dir, dir, flushInterval);
    }

    private static int append(Path log, int from, int n) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < from + n; i++) {
            b.append("{\"seq\":").append(i).append(",\"msg\":\"line ").append(i).append("\"}\n");
        }
        Files.writeString(log, b, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return from + n;
    }

    private static int count(String text, String fragment) {
        int n = 0;
        for (int i = text.indexOf(fragment); i >= 0; i = text.indexOf(fragment, i + 1)) {
            n++;
        }
        return n;
    }
}
