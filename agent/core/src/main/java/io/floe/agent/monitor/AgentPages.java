package io.floe.agent.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.api.http.HttpHandler;
import io.floe.api.http.HttpResponse;
import io.floe.api.http.HttpRoutes;
import io.floe.api.monitor.AgentMonitor;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent's own pages, which monitor_agent mounts beside Fluentd's endpoints: Prometheus text at
 * {@code /metrics} (with {@code floe_ready}, the readiness probe's verdict), {@code /healthz} and {@code /readyz} for Kubernetes, the status page at {@code /}.
 * Every request reads the configuration running at that moment. Like the JDK server they replace, they
 * answer whatever the method.
 */
public final class AgentPages {
    private static final String STATUS_PAGE = "status.html";

    private final AgentMonitor agent;
    private final ObjectMapper json = new ObjectMapper();
    private final PrometheusTextFormatWriter prometheusText = PrometheusTextFormatWriter.create();
    private PrometheusRegistry registry;

    public AgentPages(AgentMonitor agent) {
        this.agent = agent;
    }

    /** @param readyRetryThreshold {@code /readyz} answers 503 while an output has been retrying longer */
    public HttpRoutes routes(Duration readyRetryThreshold) {
        Probes probes = new Probes(agent, readyRetryThreshold, System::currentTimeMillis);
        return HttpRoutes.builder()
                .any("/metrics", HttpHandler.sync(r -> metrics(probes)))
                .any("/healthz", HttpHandler.sync(r -> verdict(probes.liveness(), "alive")))
                .any("/readyz", HttpHandler.sync(r -> verdict(probes.readiness(), "ready")))
                .any("/", HttpHandler.sync(r -> statusPage()))
                .build();
    }

    /** One registry for the agent's life, made when first scraped: the JVM collectors are registered once, whatever the reloads. */
    private synchronized PrometheusRegistry registry() {
        if (registry == null) {
            registry = MetricsRegistry.create(agent);
        }
        return registry;
    }

    private HttpResponse metrics(Probes probes) throws IOException {
        MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
        registry().scrape().forEach(snapshots::metricSnapshot);
        snapshots.metricSnapshot(ready(probes));
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        prometheusText.write(out, snapshots.build(), EscapingScheme.DEFAULT);
        return HttpResponse.of(200, prometheusText.getContentType(), out.toByteArray());
    }

    /**
     * floe_ready, so a dashboard or an alert sees what the readiness probe sees. Read with this mount's
     * probes, not in the registry, because the retry threshold is monitor_agent's and may change at a reload.
     */
    private static GaugeSnapshot ready(Probes probes) {
        return GaugeSnapshot.builder().name("floe_ready").help("1 while /readyz answers 200, else 0.")
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(probes.readiness().ok() ? 1 : 0).build())
                .build();
    }

    private HttpResponse verdict(Probes.Verdict v, String what) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(what, v.ok());
        if (!v.ok()) {
            body.put("reasons", v.reasons());
        }
        return HttpResponse.json(v.ok() ? 200 : 503, json.writeValueAsBytes(body));
    }

    private HttpResponse statusPage() throws IOException {
        try (InputStream page = AgentPages.class.getResourceAsStream(STATUS_PAGE)) {
            if (page == null) {
                return HttpResponse.json(404, Map.of("message", "Not found"));
            }
            return HttpResponse.html(200, page.readAllBytes());
        }
    }
}
