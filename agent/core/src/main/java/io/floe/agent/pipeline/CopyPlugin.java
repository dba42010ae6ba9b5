package io.floe.agent.pipeline;

import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.config.Arg;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import java.util.ArrayList;
import java.util.List;

/** Fluentd's {@code copy} output, as configured; its runtime is {@link CopySink}. */
@Plugin(type = "copy", desc = "Copies every event to each `<store>`, an output of its own with its own buffer, in order.")
public record CopyPlugin(Config cfg, PluginContext ctx) implements RoutingPlugin {

    public record Config(
            @Param(name = "copy_mode", dflt = "no_copy",
                    desc = "Accepted as Fluentd writes it (`no_copy`, `shallow`, `deep`, `marshal`); Floe gives every store the same events whatever the mode.")
            String copyMode,
            @Section(name = "store", required = true,
                    desc = "An output the events are copied to: its `@type` and parameters, `<buffer>` and `<secondary>`, as in a `<match>`.")
            List<Store> stores) {
    }

    /** A {@code <store>}'s flags, written as its argument. */
    public record Store(
            @Arg(desc = "`ignore_error`: an error of this store does not stop the copy; `ignore_if_prev_success`: skipped when the store before it took the events.")
            String flags) {

        boolean ignoreError() {
            return has("ignore_error");
        }

        boolean ignoreIfPrevSuccess() {
            return has("ignore_if_prev_success");
        }

        private boolean has(String flag) {
            return List.of(flags.trim().split("\\s+")).contains(flag);
        }
    }

    @Override
    public Sink sink(Targets targets) {
        if (!cfg.stores().isEmpty() && cfg.stores().get(0).ignoreIfPrevSuccess()) {
            targets.refuse("store", 0, "ignore_if_prev_success must not be set on the first <store>");
        }
        List<Sink> sinks = targets.sections("store");
        List<CopySink.Store> stores = new ArrayList<>();
        for (int i = 0; i < sinks.size(); i++) {
            if (sinks.get(i) != null) {
                Store s = cfg.stores().get(i);
                stores.add(new CopySink.Store(sinks.get(i), s.ignoreError(), s.ignoreIfPrevSuccess()));
            }
        }
        return new CopySink(stores, ctx.metrics(), ctx.log());
    }
}
