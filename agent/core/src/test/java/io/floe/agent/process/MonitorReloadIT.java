package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The monitor port across reloads (SIGHUP): a probe hitting it all the while never meets a refused
 * connection, /healthz always answers 200, and /api/plugins.json shows the configuration running now.
 */
class MonitorReloadIT {
    @Test
    void probesAreAnsweredThroughReloadsAndSeeTheNewConfiguration(Agents agents) throws Exception {
        int monitorPort = agents.freePort();
        int forwardPort = agents.freePort();
        MonitorHttp http = new MonitorHttp(monitorPort);
        AgentProcess agent = agents.running("reload.conf", config(monitorPort, forwardPort, "out_0"));
        Path conf = agents.path("reload.conf");
        Map<Integer, AtomicInteger> healthz = new ConcurrentHashMap<>();
        AtomicBoolean probing = new AtomicBoolean(true);
        Thread prober = new Thread(() -> {
            while (probing.get()) {
                healthz.computeIfAbsent(http.status("/healthz"), k -> new AtomicInteger()).incrementAndGet();
            }
        });
        prober.start();
        try {
            for (int i = 1; i <= 5; i++) {
                Files.writeString(conf, config(monitorPort, forwardPort, "out_" + i));
                agent.signal("HUP");
                agent.awaitLogCount("configuration reloaded", i, Duration.ofSeconds(60));
                String expected = "out_" + i;
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> http.json("/api/plugins.json?@type=null").toString().contains("\"plugin_id\":\"" + expected + "\""));
            }
        } finally {
            probing.set(false);
            prober.join();
        }
        assertEquals(Map.of(200, healthz.get(200)), Map.copyOf(healthz), "every probe answered 200, none refused (-1): " + healthz);
        assertTrue(healthz.get(200).get() >= 5, "the prober ran through the reloads: " + healthz);
        assertEquals(200, http.status("/readyz"));
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
    }

    private static String config(int monitorPort, int forwardPort, String outputId) {
        return FluentConf.monitor(monitorPort) + FluentConf.forward(forwardPort) + FluentConf.discard("**", "@id " + outputId);
    }
}
