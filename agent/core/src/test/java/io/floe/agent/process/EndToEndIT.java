package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real agent process: sample → copy → (file, stdout), and the embedded default configuration (forward on 24224, monitor_agent on 24220). */
class EndToEndIT {
    private static final Pattern STDOUT_LINE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9} \\+0000 app\\.web: "
                    + "\\{\"log\":\"GET / 200\",\"container_name\":\"/web\",\"unicode\":\"héllo ✓\",\"seq\":(\\d+)}");
    private static final Pattern FILE_LINE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00\tapp\\.web\t"
                    + "\\{\"log\":\"GET / 200\",\"container_name\":\"/web\",\"unicode\":\"héllo ✓\",\"seq\":(\\d+)}");

    @RegisterExtension
    final Agents agents = new Agents();

    @Test
    void copiesEveryEventToFileAndStdout() throws Exception {
        Path conf = agents.path("fluent.conf");
        Files.writeString(conf, """
                <source>
                  @type sample
                  @id in_sample
                  tag app.web
                  rate 20
                  size 5
                  auto_increment_key seq
                  sample {"log":"GET / 200","container_name":"/web","unicode":"héllo ✓"}
                </source>
                <match app.**>
                  @type copy
                  <store>
                    @type file
                    @id out_file
                    path %s/out/app
                    <buffer time>
                      timekey 1d
                      timekey_wait 0
                      flush_mode interval
                      flush_interval 1s
                      flush_at_shutdown true
                    </buffer>
                  </store>
                  <store>
                    @type stdout
                    @id out_stdout
                  </store>
                </match>
                """.formatted(agents.dir()));
        AgentProcess agent = agents.start("-c", conf.toString());
        agent.awaitStdout(lines -> lines.size() >= 150, Duration.ofSeconds(60));
        awaitFileLines(100);
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));

        List<Long> printed = seqs(agent.stdoutLines(), STDOUT_LINE);
        List<Long> written = seqs(fileLines(), FILE_LINE);
        assertTrue(printed.size() >= 150);
        for (int i = 0; i < printed.size(); i++) {
            assertEquals(i, printed.get(i), "stdout events in order, none missing");
        }
        assertEquals(new TreeSet<>(printed), new TreeSet<>(written), "the file holds exactly the events stdout printed");
        assertEquals(printed.size(), written.size(), "no duplicates in the file");
        assertTrue(agent.stderr().contains("emit_records=" + printed.size()), agent.stderr());
    }

    @Test
    void embeddedDefaultConfigurationPrintsEvents() throws Exception {
        AgentProcess agent = agents.start();
        agent.awaitStdout(lines -> lines.stream().anyMatch(l -> l.matches(
                ".* \\+0000 floe\\.sample: \\{\"message\":\"Floe is running; point -c at your fluent\\.conf\"}")), Duration.ofSeconds(60));
        assertTrue(agent.stderr().contains("using configuration file <embedded default>"), agent.stderr());
        // ...and it listens for forward on 24224, as Docker's fluentd driver expects.
        try (io.floe.testkit.ForwardClient docker = new io.floe.testkit.ForwardClient("127.0.0.1", 24224, Duration.ofSeconds(10))) {
            docker.sendMessage("docker.web", 1_763_700_000L, 0, io.floe.bench.Entries.dockerRecord(7, 100), "c1");
            docker.flush();
            assertEquals("c1", docker.readAck());
        }
        agent.awaitStdout(lines -> lines.stream().anyMatch(l -> l.startsWith("2025-11-21 04:40:00.000000000 +0000 docker.web: {\"container_id\"")),
                Duration.ofSeconds(60));
        // ...and serves monitor_agent on 24220: the probes, Prometheus text and Fluentd's plugin list.
        MonitorHttp monitor = new MonitorHttp(24220);
        assertEquals(200, monitor.status("/healthz"));
        assertEquals(200, monitor.status("/readyz"));
        assertTrue(monitor.get("/metrics").body().contains("\nfloe_ready 1.0\n"));
        assertEquals("forward", MonitorHttp.pluginById(monitor.json("/api/plugins.json"), "forward").get("type").asText());
        assertEquals(0, agent.stop(Duration.ofSeconds(20)));
    }

    private void awaitFileLines(int atLeast) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> fileLines().size() >= atLeast);
    }

    private List<String> fileLines() throws IOException {
        Path out = agents.path("out");
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(out)) {
            return lines;
        }
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.sorted().toList()) {
                assertTrue(f.getFileName().toString().matches("app\\.\\d{8}_\\d+\\.log"), "Fluentd's out_file naming: " + f);
                String text = Files.readString(f, StandardCharsets.UTF_8);
                for (String l : text.split("\n")) {
                    if (!l.isEmpty() && text.endsWith("\n")) {
                        lines.add(l);
                    }
                }
            }
        }
        return lines;
    }

    private static List<Long> seqs(List<String> lines, Pattern p) {
        List<Long> out = new ArrayList<>();
        for (String l : lines) {
            Matcher m = p.matcher(l);
            assertTrue(m.matches(), "unexpected line: " + l);
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }
}
