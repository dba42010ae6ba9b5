package io.floe.agent.process;

import static io.floe.agent.process.ComposeExample.param;
import static io.floe.agent.process.ExampleYaml.map;
import static io.floe.agent.process.ExampleYaml.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/docker-syslog as Docker Compose reads it (no engine runs here): the app's syslog driver reaches the port
 * Floe publishes, over the transport and in the format fluent.conf's syslog input reads, Floe is built from the
 * repository's Dockerfile — and fluent.conf passes the real {@code bin/floe --dry-run} without a warning.
 */
class DockerSyslogExampleIT {
    private static Path example;
    private static Map<String, Object> services;
    private static String fluentConf;

    @BeforeAll
    static void load() throws Exception {
        example = AgentProcess.home().resolve("examples/docker-syslog");
        services = ComposeExample.services(example);
        fluentConf = Files.readString(example.resolve("fluent.conf"));
    }

    @Test
    void theAppLogsThroughTheSyslogDriverToThePortFloePublishes() {
        Map<String, Object> logging = map(services, "app", "logging");
        assertEquals("syslog", logging.get("driver"));
        Map<String, Object> options = map(logging, "options");
        // The daemon, not the app's container, connects: to the host's published port, over the input's transport.
        String port = param(fluentConf, "port");
        assertEquals("tcp://localhost:" + port, options.get("syslog-address"));
        assertTrue(fluentConf.contains("<transport tcp>"));
        assertTrue(strings(map(services, "floe"), "ports").contains(port + ":" + port));
        assertTrue(map(services, "floe", "healthcheck").get("test").toString().contains("/dev/tcp/127.0.0.1/" + port));
        assertEquals("service_healthy", map(services, "app", "depends_on", "floe").get("condition"));
    }

    @Test
    void theDriversFormatIsOneTheInputReads() {
        Map<String, Object> options = map(services, "app", "logging", "options");
        // Over tcp the driver frames every format with a newline: in_syslog's default frame_type.
        assertFalse(fluentConf.contains("frame_type"));
        assertEquals("rfc5424micro", options.get("syslog-format"));
        assertEquals("auto", param(fluentConf, "message_format"));
        assertEquals("docker", param(fluentConf, "tag"));
    }

    @Test
    void floeIsBuiltFromTheRepositoryAndReadsTheExampleConfig() throws Exception {
        ComposeExample.assertFloeBuiltFromTheRepository(example, map(services, "floe"));
    }

    @Test
    void theFluentConfPassesTheRealDryRunWithoutWarnings(Agents agents) throws Exception {
        ComposeExample.assertDryRunWithoutWarnings(agents, example);
    }
}
