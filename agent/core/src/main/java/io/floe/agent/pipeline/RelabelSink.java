package io.floe.agent.pipeline;

import io.floe.agent.routing.Label;
import io.floe.api.PluginMetrics;
import io.floe.codec.event.EventStream;
import java.util.function.Supplier;

/** Fluentd's {@code relabel} output: hands the events to another label's routing, unchanged. */
public final class RelabelSink implements Sink {
    private final Supplier<Label> target;
    private final PluginMetrics metrics;

    /** The label is looked up late, so a {@code <match>} may point at a label defined further down. */
    public RelabelSink(Supplier<Label> target, PluginMetrics metrics) {
        this.target = target;
        this.metrics = metrics;
    }

    @Override
    public void accept(String tag, EventStream events) throws Exception {
        metrics.emitted(events);
        target.get().deliver(tag, events);
    }
}
