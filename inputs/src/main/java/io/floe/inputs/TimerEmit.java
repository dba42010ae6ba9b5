package io.floe.inputs;

import io.floe.api.FatalErrors;
import io.floe.api.PluginContext;
import io.floe.codec.event.EventStream;

/**
 * The emit of an input that makes its events on a timer (sample, monitor_agent): it does not wait for the
 * outputs, and events they refuse are not made again, only counted and logged, as Fluentd's timer inputs do.
 */
public final class TimerEmit {
    private TimerEmit() {
    }

    public static void send(PluginContext ctx, String tag, EventStream events) {
        ctx.metrics().emitted(events);
        ctx.router().emit(tag, events).whenComplete((ok, err) -> {
            if (err != null) {
                FatalErrors.exitIfFatal(err);
                ctx.metrics().numErrors.increment();
                ctx.log().warn("emit transaction failed: error_class={} error=\"{}\" tag=\"{}\"",
                        err.getClass().getName(), err.getMessage(), tag);
            }
        });
    }
}
