package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CLI as users call it: --dry-run, --version, signals for flush and reload. */
class CommandLineIT {
    @RegisterExtension
    final Agents agents = new Agents();

    @Test
    void dryRunAcceptsAValidConfigAndPrintsWarnings() throws Exception {
        Path conf = agents.write("ok.conf", """
                <source>
                  type sample
                  tag t
                </source>
                <match t>
                  @type stdout
                  colour blue
                </match>
                """);
        AgentProcess agent = ranToExit(0, "--dry-run", "-c", conf.toString());
        String log = agent.stderr();
        assertTrue(log.contains("'type' is deprecated parameter name. use '@type' instead."), log);
        assertTrue(log.contains("ok.conf:7: parameter 'colour' in <match t> is not used."), log);
        assertTrue(log.contains("finished dry run mode"), log);
        assertTrue(agent.stdoutLines().isEmpty(), "a dry run emits nothing");
    }

    @Test
    void dryRunRejectsABadConfigNamingFileAndLine() throws Exception {
        Path conf = agents.write("bad.conf", """
                <source>
                  @type sample
                  rate lots
                </source>
                <match **>
                  @type elastcsearch
                </match>
                """);
        AgentProcess agent = ranToExit(1, "--dry-run", "-c", conf.toString());
        String log = agent.stderr();
        assertTrue(log.contains("bad.conf:3: invalid value for 'rate' in <source>: expected an integer, got 'lots'"), log);
        assertTrue(log.contains("bad.conf:5: Unknown output plugin 'elastcsearch'"), log);
    }

    @Test
    void startFailsOnABadConfigWithoutStartingAnything() throws Exception {
        Path conf = agents.write("bad.conf", "<match **>\n  @type stdout\n");
        AgentProcess agent = ranToExit(1, "-c", conf.toString());
        assertTrue(agent.stderr().contains("bad.conf:1:"), agent.stderr());
    }

    @Test
    void versionAndHelp() throws Exception {
        AgentProcess version = ranToExit(0, "--version");
        assertTrue(version.stdoutLines().get(0).startsWith("floe "), version.stdoutLines().toString());
        String help = String.join("\n", ranToExit(0, "--help").stdoutLines());
        for (String flag : List.of("--config", "--dry-run", "-v", "-q", "--log", "--version")) {
            assertTrue(help.contains(flag), help);
        }
    }

    @Test
    void usr1FlushesBuffersNow() throws Exception {
        Path conf = agents.write("flush.conf", FluentConf.source("sample", "tag t", "rate 10", "auto_increment_key n")
                + FluentConf.match("t", "copy", FluentConf.store("file", "path " + agents.path("out/t"), FluentConf.buffer("flush_interval 1h")),
                FluentConf.store("stdout")));
        AgentProcess agent = agents.start("-c", conf.toString());
        // The file store comes first in the copy: an event on stdout is already in the file buffer.
        agent.awaitStdout(lines -> lines.size() >= 5, Duration.ofSeconds(60));
        assertFalse(Files.exists(agents.path("out")), "nothing is written before the flush interval");
        agent.signal("USR1");
        agent.awaitLog("force flushing buffered events", Duration.ofSeconds(60));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> writtenLines().size() >= 5);
        assertTrue(writtenLines().get(0).endsWith("\tt\t{\"message\":\"sample\",\"n\":0}"), writtenLines().get(0));
        assertEquals(0, agent.stop(Duration.ofSeconds(20)));
    }

    @Test
    void hupReloadsAndARejectedReloadKeepsTheRunningConfig() throws Exception {
        Path conf = agents.write("reload.conf", config("first"));
        AgentProcess agent = agents.start("-c", conf.toString());
        agent.awaitStdout(lines -> lines.stream().anyMatch(l -> l.contains(" first: ")), Duration.ofSeconds(60));
        Files.writeString(conf, config("second"));
        agent.signal("HUP");
        agent.awaitStdout(lines -> lines.stream().anyMatch(l -> l.contains(" second: ")), Duration.ofSeconds(60));

        Files.writeString(conf, "<match **>\n  @type nonexistent\n</match>\n");
        agent.signal("USR2");
        agent.awaitLog("reload refused", Duration.ofSeconds(60));
        assertTrue(agent.stderr().contains("reload.conf:1: Unknown output plugin 'nonexistent'"), agent.stderr());
        long before = agent.stdoutLines().stream().filter(l -> l.contains(" second: ")).count();
        agent.awaitStdout(lines -> lines.stream().filter(l -> l.contains(" second: ")).count() > before + 2, Duration.ofSeconds(60));
        assertEquals(0, agent.stop(Duration.ofSeconds(20)));
    }

    @Test
    void aTagThatMatchesNothingIsWarnedOnceAndTheLogGoesWhereOSays() throws Exception {
        Path conf = agents.write("nomatch.conf", """
                <source>
                  @type sample
                  tag lost.events
                  rate 50
                </source>
                <source>
                  @type sample
                  tag kept
                  rate 50
                </source>
                <match kept>
                  @type stdout
                </match>
                """);
        Path log = agents.path("agent.log");
        AgentProcess agent = agents.start("-c", conf.toString(), "-o", log.toString());
        agent.awaitStdout(lines -> lines.size() >= 100, Duration.ofSeconds(60));
        assertEquals(0, agent.stop(Duration.ofSeconds(20)));
        String text = Files.readString(log);
        assertEquals(1, text.split("no patterns matched tag=\"lost.events\"", -1).length - 1, text);
        assertTrue(text.contains("shutdown complete"), text);
        assertTrue(agent.stderr().isEmpty(), "with -o nothing is logged to standard error: " + agent.stderr());
    }

    private static String config(String tag) {
        return """
                <source>
                  @type sample
                  tag %s
                  rate 20
                </source>
                <match **>
                  @type stdout
                </match>
                """.formatted(tag);
    }

    private java.util.List<String> writtenLines() throws java.io.IOException {
        Path out = agents.path("out");
        java.util.List<String> lines = new java.util.ArrayList<>();
        if (Files.isDirectory(out)) {
            try (var files = Files.list(out)) {
                for (Path f : files.sorted().toList()) {
                    lines.addAll(Files.readAllLines(f));
                }
            }
        }
        return lines;
    }

    /** Runs bin/floe with {@code args} to its end, which must come with exit code {@code exit}. */
    private AgentProcess ranToExit(int exit, String... args) throws Exception {
        AgentProcess agent = agents.start(args);
        assertEquals(exit, agent.waitForExit(Duration.ofSeconds(60)));
        return agent;
    }
}
