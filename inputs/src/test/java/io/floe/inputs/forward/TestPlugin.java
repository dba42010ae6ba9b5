package io.floe.inputs.forward;

import io.floe.inputs.RecordingContext;
import org.slf4j.event.Level;

/** The engine as far as one forward input sees it: a recording router, a logger keeping every level, fresh metrics. */
final class TestPlugin extends RecordingContext {
    TestPlugin() {
        super("forward", Level.TRACE);
    }
}
