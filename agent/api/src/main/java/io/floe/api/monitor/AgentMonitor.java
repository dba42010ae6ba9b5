package io.floe.api.monitor;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of the running agent for monitor_agent, metrics and probes. Every call reads the
 * configuration running at that moment, so a reload is seen at once and a reader never holds on to an
 * old pipeline.
 */
public interface AgentMonitor {
    /** Every plugin of the running configuration in Fluentd's order (inputs, outputs, filters); empty while none runs. */
    List<PluginStatus> plugins();

    /** The output a tag reaches through the root label's first matching {@code <match>}, as monitor_agent's {@code ?tag=} finds it. */
    Optional<PluginStatus> outputFor(String tag);

    /** True once a configuration is loaded and started, false before and after. */
    boolean running();

    /** monitor_agent's {@code /api/config.json}: {@code pid}, {@code ppid}, {@code version} and the agent's options. */
    Map<String, Object> info();

    /** A monitor with nothing to show, for plugins run outside an agent (tests, dry runs). */
    static AgentMonitor none() {
        return new AgentMonitor() {
            @Override
            public List<PluginStatus> plugins() {
                return List.of();
            }

            @Override
            public Optional<PluginStatus> outputFor(String tag) {
                return Optional.empty();
            }

            @Override
            public boolean running() {
                return false;
            }

            @Override
            public Map<String, Object> info() {
                return Map.of("pid", ProcessHandle.current().pid());
            }
        };
    }
}
