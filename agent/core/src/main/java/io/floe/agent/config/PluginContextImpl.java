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

/**
 * The engine's side of {@link PluginContext}; the router is looked up late because labels are built after inputs.
 * Besides what a plugin sees, it keeps where the plugin's section was written ({@code location}) and the section's
 * parameters with secrets masked ({@code config}), as monitor_agent shows them.
 */
record PluginContextImpl(String id, String type, Logger log, Path dataDir, Supplier<EventRouter> routerLookup, ErrorSink errors,
                         Location location, AgentMonitor monitor, Handover handover, AgentHttp http, Map<String, String> config,
                         PluginTypes plugins, PluginMetrics metrics) implements PluginContext {

    /** A context with fresh metrics. */
    PluginContextImpl(String id, String type, Logger log, Path dataDir, Supplier<EventRouter> routerLookup, ErrorSink errors,
                      Location location, AgentMonitor monitor, Handover handover, AgentHttp http,
                      Map<String, String> config, PluginTypes plugins) {
        this(id, type, log, dataDir, routerLookup, errors, location, monitor, handover, http, config, plugins, new PluginMetrics());
    }

    @Override
    public EventRouter router() {
        return routerLookup.get();
    }

    @Override
    public void emitError(String tag, EventStream events, String reason) {
        errors.emitError(tag, events, reason);
    }
}
