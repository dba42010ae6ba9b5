package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * examples/aggregator through the real {@code bin/floe --dry-run}, with the environment the two tiers would be
 * given: both configurations must parse and construct every plugin.
 */
class AggregatorExampleIT {
    private static final Map<String, String> ENV = Map.of("HOSTNAME", "node-1", "FORWARD_SHARED_KEY", "s3cret",
            "AGGREGATOR_0", "aggregator-0.aggregator.logging.svc", "AGGREGATOR_1", "aggregator-1.aggregator.logging.svc",
            "ELASTICSEARCH_HOST", "elasticsearch.logging.svc");

    @ParameterizedTest
    @ValueSource(strings = {"agent.conf", "aggregator.conf"})
    void passesTheRealDryRun(String name, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path conf = AgentProcess.home().resolve("examples/aggregator").resolve(name);
        try (AgentProcess agent = AgentProcess.start(dir, ENV, "--dry-run", "-c", conf.toString())) {
            int exit = agent.waitForExit(Duration.ofSeconds(60));
            String log = agent.stderr() + "\n" + String.join("\n", agent.stdoutLines());
            assertEquals(0, exit, log);
            assertTrue(log.contains("finished dry run mode"), log);
            assertTrue(!log.contains("[warn]"), "no warnings:\n" + log);
        }
    }
}
