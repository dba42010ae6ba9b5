package io.floe.api;

import io.floe.codec.event.EventStream;
import java.util.concurrent.CompletionStage;

/**
 * Where inputs send events. The returned stage completes once every output the tag routes to has
 * accepted the events into its buffer (or written them, for unbuffered outputs); it completes
 * exceptionally when one refused them (buffer full with {@code throw_exception}). The forward input
 * answers {@code ack} only on completion.
 */
public interface EventRouter {
    CompletionStage<Void> emit(String tag, EventStream events);
}
