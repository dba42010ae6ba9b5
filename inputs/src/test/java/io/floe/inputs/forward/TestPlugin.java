package io.floe.inputs.forward;

import io.floe.api.EventRouter;
import io.floe.api.PluginContext;
import io.floe.api.PluginMetrics;
import io.floe.api.event.EventStream;
import java.nio.file.Path;
import org.slf4j.Logger;

/** The engine as far as one forward input sees it: a recording router and logger, fresh metrics. */
final class TestPlugin implements PluginContext {
    final RecordingRouter router = new RecordingRouter();
    final io.floe.inputs.RecordingLogger log = new io.floe.inputs.RecordingLogger("test_forward", true);
    final PluginMetrics metrics = new PluginMetrics();
    io.floe.api.Handover handover = io.floe.api.Handover.NONE;

    @Override
    public String id() {
        return "test_forward";
    }

    @Override
    public String type() {
        return "forward";
    }

    @Override
    public Logger log() {
        return log;
    }

    @Override
    public Path dataDir() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    @Override
    public EventRouter router() {
        return router;
    }

    @Override
    public void emitError(String tag, EventStream events, String reason) {
        throw new AssertionError("the forward input does not emit errors: " + reason);
    }

    @Override
    public io.floe.api.Handover handover() {
        return handover;
    }

    @Override
    public PluginMetrics metrics() {
        return metrics;
    }
}
