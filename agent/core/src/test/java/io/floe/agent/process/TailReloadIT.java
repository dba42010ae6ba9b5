package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tail input across reloads: its position file carries the cursor from one configuration to the
 * next, so lines written before, during and after each reload are read once, none twice.
 */
class TailReloadIT {
    private static final int LINES_PER_ROUND = 2000;
    private static final int RELOADS = 3;

    @RegisterExtension
    final Agents agents = new Agents();

    @Test
    void linesWrittenAcrossReloadsAreReadOnceEach() throws Exception {
        Path log = agents.path("app.log");
        Files.createFile(log);
        int total = LINES_PER_ROUND * (RELOADS + 1);
        AgentProcess agent = agents.running("tail.conf", config(log, "500ms"));
        Path conf = agents.path("tail.conf");
        int written = 0;
        for (int round = 0; round <= RELOADS; round++) {
            written = append(log, written, LINES_PER_ROUND / 2);
            if (round < RELOADS) {
                Files.writeString(conf, config(log, round % 2 == 0 ? "300ms" : "500ms"));
                agent.signal("HUP");
            }
            written = append(log, written, LINES_PER_ROUND / 2);
            if (round < RELOADS) {
                agent.awaitLogCount("configuration reloaded", round + 1, Duration.ofSeconds(60));
            }
        }
        Path out = agents.path("out");
        OutputFiles.awaitAll(out, total, Duration.ofSeconds(60));
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
        int[] counts = OutputFiles.seqCounts(out, total);
        assertEquals(0, OutputFiles.missing(counts), "every line is read");
        assertEquals(0, OutputFiles.duplicates(counts), "no line is read twice: the cursor survived each reload");
    }

    private String config(Path log, String flushInterval) {
        return FluentConf.tail(log.toString(), agents.path("app.pos"), "app", "json", "@id in_tail", "read_from_head true")
                + FluentConf.jsonFile("app", "out_file", agents.path("out/app"), "@type file", "flush_mode interval",
                "flush_interval " + flushInterval);
    }

    private static int append(Path log, int from, int n) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < from + n; i++) {
            b.append("{\"seq\":").append(i).append(",\"msg\":\"line ").append(i).append("\"}\n");
        }
        Files.writeString(log, b, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return from + n;
    }
}
