package io.floe.agent.process;

import static io.floe.agent.process.ComposeExample.param;
import static io.floe.agent.process.ExampleYaml.map;
import static io.floe.agent.process.ExampleYaml.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/docker-compose as Docker Compose reads it (no engine runs here): the services refer to each other
 * correctly — the logging driver reaches the port Floe publishes, Floe's config names the Elasticsearch service,
 * Kibana and Elasticsearch are the same version, Floe is built from the repository's Dockerfile — and Floe's
 * fluent.conf passes the real {@code bin/floe --dry-run} without a warning.
 */
class DockerComposeExampleIT {
    private static Path example;
    private static Map<String, Object> services;

    @BeforeAll
    static void load() throws Exception {
        example = AgentProcess.home().resolve("examples/docker-compose");
        services = ComposeExample.services(example);
    }

    private static String fluentConf() throws Exception {
        return Files.readString(example.resolve("fluent.conf"));
    }

    @Test
    void theAppLogsThroughTheFluentdDriverToThePortFloePublishes() {
        Map<String, Object> logging = map(services, "app", "logging");
        assertEquals("fluentd", logging.get("driver"));
        Map<String, Object> options = map(logging, "options");
        // The daemon, not the app's container, connects: to the host's published port.
        String address = (String) options.get("fluentd-address");
        assertEquals("localhost:24224", address);
        assertTrue(strings(map(services, "floe"), "ports").contains("24224:24224"));
        assertEquals("docker.{{.Name}}", options.get("tag"));
        assertEquals("service_healthy", map(services, "app", "depends_on", "floe").get("condition"));
    }

    @Test
    void floeIsBuiltFromTheRepositoryAndReadsTheExampleConfig() throws Exception {
        Map<String, Object> floe = map(services, "floe");
        ComposeExample.assertFloeBuiltFromTheRepository(example, floe);
        assertEquals("service_healthy", map(floe, "depends_on", "elasticsearch").get("condition"));
    }

    @Test
    void floeAndKibanaPointAtTheElasticsearchService() throws Exception {
        String fluent = fluentConf();
        String conf = fluent.substring(fluent.indexOf("@type elasticsearch"));
        assertTrue(services.containsKey(param(conf, "host")), "host names a compose service");
        assertTrue(strings(map(services, "elasticsearch"), "ports").contains(param(conf, "port") + ":9200"));
        assertEquals("[\"http://elasticsearch:9200\"]",
                map(services, "kibana", "environment").get("ELASTICSEARCH_HOSTS"));
        String es = (String) map(services, "elasticsearch").get("image");
        String kibana = (String) map(services, "kibana").get("image");
        assertEquals(es.substring(es.lastIndexOf(':')), kibana.substring(kibana.lastIndexOf(':')), "Kibana needs its own version of Elasticsearch");
        assertEquals("false", map(services, "elasticsearch", "environment").get("xpack.security.enabled"));
    }

    @Test
    void theFluentConfPassesTheRealDryRunWithoutWarnings(Agents agents) throws Exception {
        ComposeExample.assertDryRunWithoutWarnings(agents, example);
    }
}
