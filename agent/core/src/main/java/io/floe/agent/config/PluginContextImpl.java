package io.floe.agent.config;

import io.floe.agent.pipeline.ErrorSink;
import io.floe.api.EventRouter;
import io.floe.api.Handover;
import io.floe.api.PluginContext;
import io.floe.api.PluginMetrics;
import io.floe.api.http.AgentHttp;
import io.floe.api.PluginTypes;
import io.floe.codec.event.EventStream;
import io.floe.api.monitor.AgentMonitor;
import io.floe.conf.Location;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;

/** The engine's side of {@link PluginContext}; the router is looked up late because labels are built after inputs. */
final class PluginContextImpl implements PluginContext {
    private final String id;
    private final String type;
    private final Logger log;
    private final Path dataDir;
    private final Supplier<EventRouter> router;
    private final ErrorSink errors;
    private final PluginMetrics metrics = new PluginMetrics();
    private final Location location;
    private final Handover handover;
    private final AgentMonitor monitor;
    private final AgentHttp http;
    private final Map<String, String> config;
    private final PluginTypes plugins;

    PluginContextImpl(String id, String type, Logger log, Path dataDir, Supplier<EventRouter> router, ErrorSink errors,
                      Location location, AgentMonitor monitor, Handover handover, AgentHttp http,
                      Map<String, String> config, PluginTypes plugins) {
        this.http = http;
        this.plugins = plugins;
        this.location = location;
        this.monitor = monitor;
        this.handover = handover;
        this.config = config;
        this.id = id;
        this.type = type;
        this.log = log;
        this.dataDir = dataDir;
        this.router = router;
        this.errors = errors;
    }

    @Override
    public PluginTypes plugins() {
        return plugins;
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
        return router.get();
    }

    @Override
    public void emitError(String tag, EventStream events, String reason) {
        errors.emitError(tag, events, reason);
    }

    /** Where the plugin's section was written. */
    Location location() {
        return location;
    }

    @Override
    public Handover handover() {
        return handover;
    }

    @Override
    public PluginMetrics metrics() {
        return metrics;
    }

    @Override
    public AgentMonitor monitor() {
        return monitor;
    }

    @Override
    public AgentHttp http() {
        return http;
    }

    /** The section's parameters with secrets masked, as monitor_agent shows them. */
    Map<String, String> config() {
        return config;
    }
}
