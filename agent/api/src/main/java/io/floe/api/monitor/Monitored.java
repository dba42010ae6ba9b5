package io.floe.api.monitor;

import java.time.Duration;
import java.util.Map;

/**
 * Implemented by a plugin that has more to tell the monitor than its counters: extra monitor_agent
 * fields, whether it is ready to take traffic, whether its threads still answer.
 */
public interface Monitored {
    /** Fields added to the plugin's monitor_agent entry, e.g. a forward output's {@code healthy_nodes_count}. */
    default Map<String, Object> monitorFields() {
        return Map.of();
    }

    /** Null when ready; otherwise why not (a listener not bound yet). Read by {@code /readyz}. */
    default String notReady() {
        return null;
    }

    /** False when the plugin's threads (event loops) do not answer within {@code timeout}. Read by {@code /healthz}. */
    default boolean alive(Duration timeout) {
        return true;
    }
}
