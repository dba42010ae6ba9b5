package io.floe.api;

import io.floe.codec.event.EventStream;
import io.floe.api.http.AgentHttp;
import io.floe.api.monitor.AgentMonitor;
import java.nio.file.Path;
import org.slf4j.Logger;

/** What the engine gives every plugin: its id, a logger that names it, the data directory, the router. */
public interface PluginContext {
    /** The {@code @id}, or a generated {@code object:N} when the config gives none. */
    String id();

    /** The {@code @type} name the plugin was configured with. */
    String type();

    /** A logger whose lines name this plugin's id. */
    Logger log();

    /** Where a plugin may keep state (positions, buffers): {@code <system> root_dir} or the CLI's data dir. */
    Path dataDir();

    /** Emits events into the routing of this plugin's label (inputs) or the root. */
    EventRouter router();

    /** Hands events a plugin cannot process to the {@code @ERROR} label, or logs them when there is none. */
    void emitError(String tag, EventStream events, String reason);

    /** This plugin's counters, read by the monitor. */
    PluginMetrics metrics();

    /** Where listeners are left for the next configuration on reload (see {@link Handover}). */
    default Handover handover() {
        return Handover.NONE;
    }

    /** The plugins this one may build from its own sections: the parser of a {@code <parse>}, the formatter of a {@code <format>}. */
    default PluginTypes plugins() {
        return PluginTypes.classPath();
    }

    /** The running agent as monitor_agent shows it; nothing outside an agent. */
    default AgentMonitor monitor() {
        return AgentMonitor.none();
    }

    /** The agent's HTTP server, to mount routes on (see {@link AgentHttp}); none outside an agent. */
    default AgentHttp http() {
        return AgentHttp.NONE;
    }
}
