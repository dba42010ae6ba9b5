package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** bin/floe with tail → file and an {@code <inject>}: the fields are in the file's JSON lines, and no "not used" warning. */
class InjectIT {
    @Test
    void tailToFileWritesTheInjectedFields(Agents agents) throws Exception {
        Path log = agents.write("app.log", "{\"time\":1763700118,\"msg\":\"one\",\"host\":\"old\"}\n"
                + "{\"time\":1763700119,\"msg\":\"two\"}\n");
        Path out = agents.path("out");
        String conf = FluentConf.tail(log.toString(), agents.path("pos"), "app.web", "json", "read_from_head true")
                + FluentConf.match("app.**", "file", "path " + out.resolve("app"), "<format>\n@type json\n</format>",
                "<inject>\ntime_key at\ntime_type string\ntime_format %Y-%m-%dT%H:%M:%S%z\nutc true\ntag_key tag\n"
                        + "hostname_key host\nhostname test-host\n</inject>",
                FluentConf.buffer("flush_mode immediate"));
        AgentProcess agent = agents.running("inject.conf", conf);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> OutputFiles.text(out).lines().count() >= 2);
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
        assertFalse(agent.stderr().contains("is not used"), agent.stderr());
        assertEquals("{\"msg\":\"one\",\"host\":\"test-host\",\"tag\":\"app.web\",\"at\":\"2025-11-21T04:41:58+0000\"}\n"
                + "{\"msg\":\"two\",\"host\":\"test-host\",\"tag\":\"app.web\",\"at\":\"2025-11-21T04:41:59+0000\"}\n", OutputFiles.text(out));
    }
}
