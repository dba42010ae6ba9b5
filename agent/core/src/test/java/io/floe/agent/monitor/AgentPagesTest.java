package io.floe.agent.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.http.HttpRequest;
import io.floe.api.http.HttpResponse;
import io.floe.api.monitor.AgentMonitor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} carries floe_ready, the verdict {@code /readyz} gives at the same moment (1 on a running agent:
 * EndToEndIT and MonitoringExampleIT scrape one).
 */
class AgentPagesTest {

    @Test
    void floeReadyIsZeroWhileNoConfigurationRuns() throws Exception {
        assertEquals(503, get(AgentMonitor.none(), "/readyz").status());
        String metrics = text(get(AgentMonitor.none(), "/metrics"));
        assertTrue(metrics.contains("# TYPE floe_ready gauge\nfloe_ready 0.0\n"), metrics);
        assertTrue(metrics.contains("\nprocess_resident_memory_bytes "), "the process's own memory, for the dashboard");
    }

    private static HttpResponse get(AgentMonitor agent, String path) throws Exception {
        HttpRequest request = new HttpRequest("GET", path, null, Map.of(), new byte[0], null);
        return new AgentPages(agent).routes(Duration.ofSeconds(60)).routes(path).get(0).handler().handle(request)
                .toCompletableFuture().get();
    }

    private static String text(HttpResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
