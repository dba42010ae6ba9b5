package io.floe.api.monitor;

import io.floe.api.PluginMetrics;
import java.util.Map;

/**
 * One configured plugin as the monitor sees it.
 *
 * @param id the {@code @id} or the generated {@code object:N}
 * @param category {@code input}, {@code filter} or {@code output}
 * @param type the {@code @type}
 * @param config the section's own parameters as written, secrets masked (Fluentd shows no subsections)
 * @param metrics the live counters
 * @param buffer for a buffered output, the buffer's state under monitor_agent's names
 *               ({@code buffer_queue_length}, {@code buffer_timekeys}, ...); null for anything else
 * @param retry the output's retry state while it is retrying; null otherwise
 * @param plugin what the plugin adds itself (extra fields, readiness, liveness)
 */
public record PluginStatus(String id, String category, String type, Map<String, String> config, PluginMetrics metrics,
                           BufferStatus buffer, RetryStatus retry, Monitored plugin) {

    public boolean isOutput() {
        return category.equals("output");
    }
}
