package io.floe.agent.pipeline;

import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.config.Param;

/** Fluentd's {@code relabel} output, as configured; its runtime is {@link RelabelSink}. */
@Plugin(type = "relabel", desc = "Hands the events, unchanged, to the routing of another `<label>`.")
public record RelabelPlugin(Config cfg, PluginContext ctx) implements RoutingPlugin {

    public record Config(
            @Param(name = "@label", desc = "The label whose `<filter>`s and `<match>`es the events go through next, e.g. `@NEXT`.")
            String label) {
    }

    @Override
    public Sink sink(Targets targets) {
        return new RelabelSink(targets.label(cfg.label().trim()), ctx.metrics());
    }
}
