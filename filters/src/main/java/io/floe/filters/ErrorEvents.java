package io.floe.filters;

import io.floe.api.PluginContext;
import io.floe.codec.event.Event;
import io.floe.codec.event.EventStreamWriter;

/** Fluentd's {@code router.emit_error_event} for one event: a stream of that event, sent to {@code @ERROR}. */
public final class ErrorEvents {
    private ErrorEvents() {
    }

    public static void emit(PluginContext ctx, String tag, Event event, String reason) {
        ctx.emitError(tag, new EventStreamWriter(256).add(event.time(), event.record()).build(), reason);
    }
}
