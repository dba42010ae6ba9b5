package io.floe.agent.pipeline;

import io.floe.api.Input;
import io.floe.api.PluginMetrics;

/** A configured {@code <source>}. */
public record InputUnit(String id, String type, Input input, PluginMetrics metrics) {
}
