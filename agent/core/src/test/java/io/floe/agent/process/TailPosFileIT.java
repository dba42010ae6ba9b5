package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Moving from Fluentd: the pos_file Fluentd left ({@code path\tposition\tinode}, 16 hex digits each) is
 * picked up by bin/floe and continued without reading anything twice, and what Floe leaves is the same
 * format, so Fluentd could continue from it too.
 */
class TailPosFileIT {
    private static String lines(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append("seq=").append(String.format("%08d", i)).append(" from the app\n");
        }
        return b.toString();
    }

    private static String hex(long v) {
        return String.format("%016x", v);
    }

    @Test
    void fluentdsPosFileIsContinued(Agents agents) throws Exception {
        Path log = agents.path("logs/app.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, lines(0, 1000));
        long inode = (Long) Files.getAttribute(log, "unix:ino");
        long half = lines(0, 500).getBytes(StandardCharsets.UTF_8).length;
        Path pos = agents.path("pos/app.pos");
        Files.createDirectories(pos.getParent());
        // As Fluentd writes it, with an unwatched entry and a line Fluentd itself would skip.
        Files.writeString(pos, "/var/log/old.log\tffffffffffffffff\t0000000000001234\n" + log + "\t" + hex(half) + "\t" + hex(inode)
                + "\n" + "garbage without tabs\n");
        Path conf = agents.write("tail.conf", FluentConf.tail(agents.dir() + "/logs/*.log", pos, "app.*", "none")
                + FluentConf.jsonFile("app.**", null, agents.path("out/app"), "@type file", "flush_mode interval", "flush_interval 200ms"));
        TailSoakIT.Output out = new TailSoakIT.Output(agents.path("out"), 2000, "message");
        try (AgentProcess agent = agents.start("-c", conf.toString())) {
            agent.awaitLog("following tail of " + log, Duration.ofSeconds(60));
            Files.writeString(log, lines(1000, 1500), StandardOpenOption.APPEND);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> out.scan().missingBelow(1500) == 500);
            assertEquals(0, agent.stop(Duration.ofSeconds(30)));
            assertTrue(agent.stderr().contains("Unparsable line in pos_file"), agent.stderr());
        }
        for (int i = 0; i < 500; i++) {
            assertEquals(0, out.count(i), "line " + i + " was before Fluentd's position");
        }
        for (int i = 500; i < 1500; i++) {
            assertEquals(1, out.count(i), "line " + i);
        }
        assertEquals(log + "\t" + hex(Files.size(log)) + "\t" + hex(inode) + "\n", Files.readString(pos),
                "Fluentd's format, unwatched and garbage lines compacted away");

        // And once more: Floe continues from what it wrote itself.
        Files.writeString(log, lines(1500, 2000), StandardOpenOption.APPEND);
        try (AgentProcess agent = agents.start("-c", conf.toString())) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> out.scan().missingBelow(2000) == 500);
            assertEquals(0, agent.stop(Duration.ofSeconds(30)));
        }
        assertEquals(0, out.scan().duplicates());
    }
}
