package io.floe.agent.pipeline;

import io.floe.agent.routing.FilterUnit;
import io.floe.agent.routing.Label;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * One built configuration: its inputs, routing labels and sinks. Outputs start before inputs and stop
 * after them, so nothing is emitted into an output that is not running.
 */
public final class Pipeline {
    private final List<InputUnit> inputs;
    private final List<FilterUnit> filters;
    private final List<Sink> sinks;
    private final Map<String, Label> labels;
    private final List<PluginUnit> plugins;
    private final Logger log;
    private final FlowControl flow;

    public Pipeline(List<InputUnit> inputs, List<FilterUnit> filters, List<Sink> sinks, Map<String, Label> labels,
                    List<PluginUnit> plugins, Logger log) {
        this.inputs = List.copyOf(inputs);
        this.flow = new FlowControl(() -> this.inputs.stream().map(InputUnit::input).toList(), log);
        for (PluginUnit u : plugins) {
            if (u.sink() instanceof BufferedSink b) {
                b.flowControl(this.flow);
            }
        }
        this.filters = List.copyOf(filters);
        this.sinks = List.copyOf(sinks);
        this.labels = Map.copyOf(labels);
        this.plugins = List.copyOf(plugins);
        this.log = log;
    }

    public List<InputUnit> inputs() {
        return inputs;
    }

    public Map<String, Label> labels() {
        return labels;
    }

    /** Every configured plugin, in config order, for the monitor and summaries. */
    public List<PluginUnit> plugins() {
        return plugins;
    }

    public void start() throws Exception {
        for (Sink s : sinks) {
            s.start();
        }
        for (FilterUnit f : filters) {
            f.filter().start();
        }
        for (InputUnit i : inputs) {
            i.input().start();
        }
    }

    public void flushNow() {
        sinks.forEach(Sink::flushNow);
    }

    public void stop() {
        List<InputUnit> reversed = new ArrayList<>(inputs);
        java.util.Collections.reverse(reversed);
        for (InputUnit i : reversed) {
            try {
                i.input().stop();
            } catch (RuntimeException e) {
                log.warn("input {} did not stop cleanly: {}", i.id(), e.toString());
            }
        }
        for (FilterUnit f : filters) {
            f.filter().stop();
        }
        for (Sink s : sinks) {
            try {
                s.stop();
            } catch (RuntimeException e) {
                log.warn("output did not stop cleanly: {}", e.toString());
            }
        }
        flow.close();
    }
}
