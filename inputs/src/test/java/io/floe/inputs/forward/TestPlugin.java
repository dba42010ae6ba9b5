package io.floe.inputs.forward;

import io.floe.api.EventRouter;
import io.floe.api.Handover;
import io.floe.api.PluginContext;
import io.floe.api.PluginMetrics;
import io.floe.codec.event.EventStream;
import io.floe.inputs.RecordingLogger;
import java.nio.file.Path;
import org.slf4j.Logger;

/** The engine as far as one forward input sees it: a recording router and logger, fresh metrics. */
final class TestPlugin implements PluginContext {
    final RecordingRouter router = new RecordingRouter();
    final RecordingLogger log = new RecordingLogger("test_forward", true);
    final PluginMetrics metrics = new PluginMetrics();
    Handover handover = Handover.NONE;

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
    public Handover handover() {
        return handover;
    }

    @Override
    public PluginMetrics metrics() {
        return metrics;
    }
}
