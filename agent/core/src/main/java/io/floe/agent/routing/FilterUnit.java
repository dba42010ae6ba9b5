package io.floe.agent.routing;

import io.floe.api.Filter;
import io.floe.api.PluginMetrics;

/** A configured {@code <filter>}: its pattern, the plugin and its counters. */
public record FilterUnit(String id, MatchPattern pattern, Filter filter, PluginMetrics metrics) implements Rule {
}
