package io.floe.agent.monitor;

import io.floe.agent.pipeline.BufferedSink;
import io.floe.agent.pipeline.Pipeline;
import io.floe.agent.pipeline.PluginUnit;
import io.floe.agent.routing.Label;
import io.floe.agent.routing.MatchRule;
import io.floe.api.monitor.AgentMonitor;
import io.floe.api.monitor.Monitored;
import io.floe.api.monitor.PluginStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The engine's {@link AgentMonitor}: reads whichever pipeline runs at the moment of the call, so the
 * monitor follows reloads without being rebuilt and never keeps a stopped pipeline alive.
 */
public final class PipelineMonitor implements AgentMonitor {
    private static final Monitored NOTHING_MORE = new Monitored() {
    };

    private final Supplier<Pipeline> current;
    private final Supplier<Map<String, Object>> info;

    /**
     * @param current the running pipeline, or null while none runs; must not block (a reload holds the agent's lock)
     * @param info the agent's options for {@code /api/config.json}
     */
    public PipelineMonitor(Supplier<Pipeline> current, Supplier<Map<String, Object>> info) {
        this.current = current;
        this.info = info;
    }

    @Override
    public List<PluginStatus> plugins() {
        Pipeline p = current.get();
        if (p == null) {
            return List.of();
        }
        // Fluentd's monitor_agent lists inputs, then outputs, then filters.
        List<PluginStatus> out = new ArrayList<>();
        for (String category : List.of("input", "output", "filter")) {
            for (PluginUnit u : p.plugins()) {
                if (u.category().equals(category)) {
                    out.add(status(u));
                }
            }
        }
        return out;
    }

    @Override
    public Optional<PluginStatus> outputFor(String tag) {
        Pipeline p = current.get();
        if (p == null) {
            return Optional.empty();
        }
        Label root = p.labels().get("");
        for (MatchRule rule : root.matches()) {
            if (rule.pattern().matches(tag)) {
                return p.plugins().stream().filter(u -> u.category().equals("output") && u.id().equals(rule.id()))
                        .findFirst().map(PipelineMonitor::status);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean running() {
        return current.get() != null;
    }

    @Override
    public Map<String, Object> info() {
        return info.get();
    }

    private static PluginStatus status(PluginUnit u) {
        Monitored extra = u.plugin() instanceof Monitored m ? m : NOTHING_MORE;
        if (u.sink() instanceof BufferedSink b) {
            return new PluginStatus(u.id(), u.category(), u.type(), u.config(), u.metrics(), b.monitorStatus(), b.retryStatus(), extra);
        }
        return new PluginStatus(u.id(), u.category(), u.type(), u.config(), u.metrics(), null, null, extra);
    }
}
