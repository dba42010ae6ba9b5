package io.floe.agent.process;

import static io.floe.agent.process.ExampleYaml.map;
import static io.floe.agent.process.ExampleYaml.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** What every Compose example that runs Floe next to Docker's logging drivers must get right. */
final class ComposeExample {
    private ComposeExample() {
    }

    /** The services of {@code example}/docker-compose.yml as Docker Compose reads them. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> services(Path example) throws IOException {
        try (Reader r = Files.newBufferedReader(example.resolve("docker-compose.yml"))) {
            return (Map<String, Object>) ((Map<String, Object>) new Yaml().load(r)).get("services");
        }
    }

    /** The floe service is built from the repository's Dockerfile, whose image reads the example's mounted fluent.conf. */
    static void assertFloeBuiltFromTheRepository(Path example, Map<String, Object> floe) throws IOException {
        Map<String, Object> build = map(floe, "build");
        Path context = example.resolve((String) build.get("context")).normalize();
        assertEquals(AgentProcess.home().normalize(), context);
        assertTrue(Files.isRegularFile(context.resolve((String) build.get("dockerfile"))));
        assertTrue(strings(floe, "volumes").contains("./fluent.conf:/fluentd/etc/fluent.conf:ro"));
        assertTrue(Files.readString(context.resolve("Dockerfile")).contains("CMD [\"-c\", \"/fluentd/etc/fluent.conf\"]"),
                "the image reads the mounted file");
    }

    /** The value of the first {@code name value} line in {@code conf} (a fluent.conf or a part of it). */
    static String param(String conf, String name) {
        Matcher m = Pattern.compile("(?m)^\\s*" + name + " (\\S+)$").matcher(conf);
        assertTrue(m.find(), "no " + name + " in fluent.conf");
        return m.group(1);
    }

    /** The example's fluent.conf passes the real {@code bin/floe --dry-run} without a warning. */
    static void assertDryRunWithoutWarnings(Agents agents, Path example) throws Exception {
        AgentProcess agent = agents.start("--dry-run", "-c", example.resolve("fluent.conf").toString());
        int exit = agent.waitForExit(Duration.ofSeconds(60));
        String log = agent.stderr() + "\n" + String.join("\n", agent.stdoutLines());
        assertEquals(0, exit, log);
        assertTrue(log.contains("finished dry run mode"), log);
        assertFalse(log.contains("[warn]"), log);
    }
}
