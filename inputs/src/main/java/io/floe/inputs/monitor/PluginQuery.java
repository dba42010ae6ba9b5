package io.floe.inputs.monitor;

import io.floe.api.monitor.AgentMonitor;
import io.floe.api.monitor.PluginStatus;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * monitor_agent's query string: which plugins ({@code tag}, then {@code @id}/{@code id}, then
 * {@code @type}/{@code type}, else all, in that order of precedence as Fluentd tests them) and how to
 * show them ({@code with_config}, {@code with_retry}, {@code debug}).
 */
record PluginQuery(Map<String, String> params, boolean withConfig, boolean withRetry, boolean debug) {

    static PluginQuery parse(String rawQuery, boolean includeConfig, boolean includeRetry) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("[&;]")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                params.putIfAbsent(k, v);
            }
        }
        boolean withConfig = params.containsKey("with_config") ? bool(params.get("with_config")) : includeConfig;
        boolean withRetry = params.containsKey("with_retry") ? bool(params.get("with_retry")) : includeRetry;
        return new PluginQuery(params, withConfig, withRetry, params.containsKey("debug"));
    }

    List<PluginStatus> select(AgentMonitor agent) {
        if (params.containsKey("tag")) {
            return agent.outputFor(params.get("tag")).map(List::of).orElse(List.of());
        }
        String id = params.containsKey("@id") ? params.get("@id") : params.get("id");
        if (id != null) {
            return agent.plugins().stream().filter(p -> p.id().equals(id)).limit(1).toList();
        }
        String type = params.containsKey("@type") ? params.get("@type") : params.get("type");
        if (type != null) {
            return agent.plugins().stream().filter(p -> p.type().equals(type)).toList();
        }
        return agent.plugins();
    }

    /** As Fluentd's Config.bool_value: "true", "yes" and an empty value are true. */
    private static boolean bool(String v) {
        return v.isEmpty() || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
