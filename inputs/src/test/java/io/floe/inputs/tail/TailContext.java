package io.floe.inputs.tail;

import io.floe.codec.event.EventStream;
import io.floe.inputs.RecordingContext;
import io.floe.inputs.RecordingRouter;
import org.slf4j.event.Level;

/** The engine as one tail source sees it: a router and an @ERROR label that record, a logger that keeps lines. */
final class TailContext extends RecordingContext {
    /** What the source sent to @ERROR (lines its parser refused). */
    final RecordingRouter errors = new RecordingRouter();

    TailContext() {
        super("tail", Level.DEBUG);
    }

    @Override
    public void emitError(String tag, EventStream events, String reason) {
        errors.emit(tag, events);
    }
}
