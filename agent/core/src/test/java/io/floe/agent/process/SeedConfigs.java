package io.floe.agent.process;

import io.floe.testkit.MachineSpeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The users' configurations from {@code conf/src/test/resources/seed-configs} (the files the parser tests read),
 * with only the addresses moved so a test can run them here: the forward port to a free one, the Elasticsearch
 * host and port to the test server, and a file output's path into the test's directory. One line is added: the
 * Elasticsearch request_timeout of this machine, where the server shares the cores with the build. Fluentd's 5 s
 * is meant for a cluster of its own; here a bulk can outlast it after the server indexed it, and these
 * configurations (no ids, as Fluentd's) would then duplicate on the retry, which is not what their tests are about.
 * Every other line is theirs.
 */
final class SeedConfigs {
    private SeedConfigs() {
    }

    static String read(String name) throws IOException {
        return Files.readString(AgentProcess.home().resolve("conf/src/test/resources/seed-configs").resolve(name));
    }

    static Path pointed(String name, Path dir, int forwardPort, int esPort, Path fileOutput) throws IOException {
        String text = read(name);
        String moved = replaceOnce(text, "port 24224", "port " + forwardPort);
        moved = replaceOnce(moved, "host elasticsearch", "host 127.0.0.1");
        moved = replaceOnce(moved, "port 9200", "port " + esPort + "\n    request_timeout "
                + MachineSpeed.allowParam(Duration.ofSeconds(5)));
        if (fileOutput != null) {
            moved = replaceOnce(moved, "path /fluentd/log/docker_app", "path " + fileOutput);
        }
        return Files.writeString(dir.resolve(name), moved);
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException("the seed config should hold '" + from + "' exactly once");
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }
}
