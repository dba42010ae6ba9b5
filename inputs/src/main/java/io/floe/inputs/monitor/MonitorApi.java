package io.floe.inputs.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.floe.api.http.HttpHandler;
import io.floe.api.http.HttpRequest;
import io.floe.api.http.HttpResponse;
import io.floe.api.http.HttpRoutes;
import io.floe.api.monitor.AgentMonitor;
import io.floe.api.monitor.PluginStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * monitor_agent's own four paths, in Fluentd's shapes: {@code /api/plugins.json}, {@code /api/plugins}
 * (LTSV), {@code /api/config.json} and {@code /api/config} (LTSV). The agent's pages ({@code /metrics},
 * the probes, the status page) are mounted beside them; any other path is the server's 404, Fluentd's
 * {@code {"message":"Not found"}}.
 */
record MonitorApi(AgentMonitor agent, PluginInfo info, boolean includeConfig, boolean includeRetry) {
    // Configured here and never after: safe to share between requests and instances.
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY_JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Fluentd's monitor_agent answers whatever the method; so do these. */
    HttpRoutes routes() {
        return HttpRoutes.builder()
                .any("/api/plugins.json", HttpHandler.sync(this::pluginsJson))
                .any("/api/plugins", HttpHandler.sync(r -> HttpResponse.text(200, Ltsv.plugins(rows(query(r))))))
                .any("/api/config.json", HttpHandler.sync(r -> HttpResponse.json(200, JSON.writeValueAsBytes(agent.info()))))
                .any("/api/config", HttpHandler.sync(r -> HttpResponse.text(200, Ltsv.config(agent.info()))))
                .build();
    }

    private PluginQuery query(HttpRequest r) {
        return PluginQuery.parse(r.rawQuery(), includeConfig, includeRetry);
    }

    private List<Map<String, Object>> rows(PluginQuery q) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PluginStatus p : q.select(agent)) {
            rows.add(info.of(p, q.withConfig(), q.withRetry()));
        }
        return rows;
    }

    private HttpResponse pluginsJson(HttpRequest r) throws IOException {
        PluginQuery q = query(r);
        Map<String, Object> body = Map.of("plugins", rows(q));
        return HttpResponse.json(200, (q.debug() ? PRETTY_JSON : JSON).writeValueAsBytes(body));
    }
}
