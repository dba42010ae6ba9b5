package io.floe.agent.pipeline;

import io.floe.api.PluginMetrics;
import java.util.Map;

/**
 * What the engine knows of one configured plugin, for counters, the monitor and shutdown summaries.
 * {@code config} is the section's own parameters as written, secrets already masked.
 */
public record PluginUnit(String id, String type, String category, PluginMetrics metrics, Object plugin, Sink sink,
                         Map<String, String> config) {
}
