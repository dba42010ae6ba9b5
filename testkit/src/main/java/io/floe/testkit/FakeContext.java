package io.floe.testkit;

import io.floe.api.EventRouter;
import io.floe.api.Handover;
import io.floe.api.http.AgentHttp;
import io.floe.api.PluginContext;
import io.floe.api.PluginMetrics;
import io.floe.codec.event.EventStream;
import java.nio.file.Path;
import org.slf4j.Logger;

/**
 * The engine as one plugin under test sees it: an id and type, a {@link RecordingLogger}, fresh metrics, a data
 * directory. It has no router and no {@code @ERROR} label unless the test gives them (or a subclass overrides
 * {@link #router()} / {@link #emitError}): a plugin that reaches for one fails the test.
 */
public class FakeContext implements PluginContext {
    public final RecordingLogger log;
    public final PluginMetrics metrics = new PluginMetrics();
    /** What {@link #handover()} gives; tests of listener handover on reload set it. */
    public volatile Handover handover = Handover.NONE;
    /** What {@link #http()} gives; tests of inputs served over HTTP set the agent's real server. */
    public volatile AgentHttp http = AgentHttp.NONE;
    private final String id;
    private final String type;
    private volatile Path dataDir = Path.of("target");
    private volatile EventRouter router;

    /** A context logging at every level. */
    public FakeContext(String id, String type) {
        this(id, type, new RecordingLogger(id));
    }

    public FakeContext(String id, String type, RecordingLogger log) {
        this.id = id;
        this.type = type;
        this.log = log;
    }

    /** Where the plugin keeps state; {@code target} unless set. */
    public FakeContext dataDir(Path dir) {
        this.dataDir = dir;
        return this;
    }

    /** The router the plugin emits into. */
    public FakeContext router(EventRouter r) {
        this.router = r;
        return this;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Logger log() {
        return log;
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public EventRouter router() {
        if (router == null) {
            throw new UnsupportedOperationException("this test gives " + id + " no router");
        }
        return router;
    }

    @Override
    public void emitError(String tag, EventStream events, String reason) {
        throw new AssertionError("this test expects no events for @ERROR from " + id + ": " + reason);
    }

    @Override
    public PluginMetrics metrics() {
        return metrics;
    }

    @Override
    public Handover handover() {
        return handover;
    }

    @Override
    public AgentHttp http() {
        return http;
    }
}
