package io.floe.agent.pipeline;

import io.floe.codec.event.EventStream;

/** Receives events a plugin rejected: the {@code @ERROR} label, or a log line when there is none. */
@FunctionalInterface
public interface ErrorSink {
    void emitError(String tag, EventStream events, String reason);
}
