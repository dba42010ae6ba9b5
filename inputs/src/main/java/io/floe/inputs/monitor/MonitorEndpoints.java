package io.floe.inputs.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.floe.api.monitor.AgentMonitor;
import io.floe.api.monitor.PluginStatus;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Every path the monitor port answers: monitor_agent's four ({@code /api/plugins.json},
 * {@code /api/plugins}, {@code /api/config.json}, {@code /api/config}), {@code /metrics},
 * {@code /healthz}, {@code /readyz} and the status page at {@code /}. Anything else is Fluentd's 404.
 */
final class MonitorEndpoints implements HttpHandler {
    static final String STATUS_PAGE = "io/floe/monitor/status.html";

    private final AgentMonitor agent;
    private final PluginInfo info;
    private final Probes probes;
    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter prometheusText = PrometheusTextFormatWriter.create();
    private final boolean includeConfig;
    private final boolean includeRetry;
    private final Logger log;
    private final ObjectMapper json = new ObjectMapper();
    private final ObjectMapper prettyJson = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    MonitorEndpoints(AgentMonitor agent, PluginInfo info, Probes probes, PrometheusRegistry registry, boolean includeConfig,
                     boolean includeRetry, Logger log) {
        this.agent = agent;
        this.info = info;
        this.probes = probes;
        this.registry = registry;
        this.includeConfig = includeConfig;
        this.includeRetry = includeRetry;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                route(ex);
            } catch (RuntimeException e) {
                log.warn("monitor request {} failed: {}", ex.getRequestURI(), e.toString());
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("message", "Internal Server Error");
                body.put("error", e.toString());
                send(ex, 500, "application/json", json.writeValueAsBytes(body));
            }
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        switch (path) {
            case "/api/plugins.json" -> pluginsJson(ex, PluginQuery.parse(query, includeConfig, includeRetry));
            case "/api/plugins" -> send(ex, 200, "text/plain", Ltsv.plugins(rows(PluginQuery.parse(query, includeConfig, includeRetry))));
            case "/api/config.json" -> send(ex, 200, "application/json", json.writeValueAsBytes(agent.info()));
            case "/api/config" -> send(ex, 200, "text/plain", Ltsv.config(agent.info()));
            case "/metrics" -> metrics(ex);
            case "/healthz" -> verdict(ex, probes.liveness(), "alive");
            case "/readyz" -> verdict(ex, probes.readiness(), "ready");
            case "/" -> statusPage(ex);
            default -> send(ex, 404, "application/json", json.writeValueAsBytes(Map.of("message", "Not found")));
        }
    }

    private List<Map<String, Object>> rows(PluginQuery q) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PluginStatus p : q.select(agent)) {
            rows.add(info.of(p, q.withConfig(), q.withRetry()));
        }
        return rows;
    }

    private void pluginsJson(HttpExchange ex, PluginQuery q) throws IOException {
        Map<String, Object> body = Map.of("plugins", rows(q));
        send(ex, 200, "application/json", (q.debug() ? prettyJson : json).writeValueAsBytes(body));
    }

    private void metrics(HttpExchange ex) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        prometheusText.write(out, registry.scrape(), EscapingScheme.DEFAULT);
        send(ex, 200, prometheusText.getContentType(), out.toByteArray());
    }

    private void verdict(HttpExchange ex, Probes.Verdict v, String what) throws JsonProcessingException, IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(what, v.ok());
        if (!v.ok()) {
            body.put("reasons", v.reasons());
        }
        send(ex, v.ok() ? 200 : 503, "application/json", json.writeValueAsBytes(body));
    }

    private void statusPage(HttpExchange ex) throws IOException {
        try (InputStream page = MonitorEndpoints.class.getClassLoader().getResourceAsStream(STATUS_PAGE)) {
            if (page == null) {
                send(ex, 404, "application/json", json.writeValueAsBytes(Map.of("message", "Not found")));
                return;
            }
            send(ex, 200, "text/html; charset=utf-8", page.readAllBytes());
        }
    }

    private static void send(HttpExchange ex, int code, String contentType, String body) throws IOException {
        send(ex, code, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int code, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(code, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
