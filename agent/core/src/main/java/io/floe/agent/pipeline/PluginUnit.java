package io.floe.agent.pipeline;

import io.floe.api.PluginMetrics;

/** What the engine knows of one configured plugin, for counters, the monitor and shutdown summaries. */
public record PluginUnit(String id, String type, String category, PluginMetrics metrics, Object plugin, Sink sink) {
}
