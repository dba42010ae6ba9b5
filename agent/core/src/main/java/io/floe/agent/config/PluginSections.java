package io.floe.agent.config;

import io.floe.agent.binder.Binder;
import io.floe.agent.pipeline.ErrorSink;
import io.floe.api.EventRouter;
import io.floe.api.Handover;
import io.floe.api.http.AgentHttp;
import io.floe.api.monitor.AgentMonitor;
import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigValue;
import io.floe.conf.Diagnostics;
import io.floe.conf.Location;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every plugin section is read, wherever it stands ({@code <source>}, {@code <filter>}, {@code <match>},
 * {@code <store>}, {@code <secondary>}): its {@code @type}, {@code @id} and {@code @label}, the sections it
 * must not hold, and the context its plugin gets. One per build: generated ids count up across it.
 * {@code labelNames} are the labels the configuration defines (to check {@code @label}); {@code pluginLogLevels}
 * receives each plugin logger's {@code @log_level}.
 */
record PluginSections(PluginRegistry registry, Binder binder, Diagnostics diagnostics, Set<String> labelNames,
                      Map<String, String> pluginLogLevels, Path dataDir, ErrorSink errorSink, AgentMonitor monitor, Handover handover,
                      AgentHttp http, AtomicInteger nextObjectId) {
    /** Sections that only stand at the top level or in a label. */
    static final Set<String> TOP_LEVEL = Set.of("source", "match", "filter", "label", "system", "worker");

    /** A new build's: generated ids start at {@code object:3f00}. */
    PluginSections(PluginRegistry registry, Binder binder, Diagnostics diagnostics, Set<String> labelNames, Map<String, String> pluginLogLevels,
                   Path dataDir, ErrorSink errorSink, AgentMonitor monitor, Handover handover, AgentHttp http) {
        this(registry, binder, diagnostics, labelNames, pluginLogLevels, dataDir, errorSink, monitor, handover, http, new AtomicInteger(0x3f00));
    }

    /** The {@code @type}, accepting Fluentd's legacy {@code type} with its warning. */
    String typeOf(ConfigElement e) {
        e.markUsed("@log_level");
        ConfigValue v = e.get("@type");
        if (v == null && e.peek("type") != null) {
            v = e.get("type");
            diagnostics.warn(v.location(), "'type' is deprecated parameter name. use '@type' instead.");
        }
        if (v == null || v.text().isBlank()) {
            binder.error(e.location(), "'@type' parameter is required in <" + e.name() + (e.arg().isEmpty() ? "" : " " + e.arg()) + ">");
            return null;
        }
        return v.text().trim();
    }

    /** The {@code @id}, or a generated {@code object:N}. */
    String pluginId(ConfigElement e) {
        ConfigValue v = e.get("@id");
        if (v == null && e.peek("id") != null) {
            v = e.get("id");
        }
        return v == null ? "object:" + Integer.toHexString(nextObjectId.getAndIncrement()) : v.text().trim();
    }

    /** The {@code @label} of a section, checked to exist; null when absent. */
    String labelOf(ConfigElement e) {
        ConfigValue v = e.get("@label");
        if (v == null) {
            return null;
        }
        String name = v.text().trim();
        return labelDefined(name, v.location()) ? name : null;
    }

    /** Whether label {@code name} is defined; reports it at {@code at} when not. */
    boolean labelDefined(String name, Location at) {
        if (!labelNames.contains(name)) {
            binder.error(at, "@label " + name + " is not defined; add a <label " + name + "> section");
            return false;
        }
        return true;
    }

    /**
     * The plugin class {@code type} names among those of {@code kind}; null, reported with the known ones, when none,
     * and null without a word when {@code type} is null ({@link #typeOf} reported that).
     */
    Class<?> pluginClass(ConfigElement e, PluginRegistry.Kind kind, String type) {
        if (type == null) {
            return null;
        }
        Class<?> cls = registry.find(kind, type);
        if (cls == null) {
            binder.error(e.location(), "Unknown " + kind.word() + " plugin '" + type + "'. Known " + kind.word() + " plugins: "
                    + String.join(", ", registry.types(kind)));
        }
        return cls;
    }

    /** Sections that only stand at the top level or in a label must not appear inside a plugin. */
    void checkPlacement(ConfigElement plugin) {
        for (ConfigElement c : plugin.children()) {
            if (TOP_LEVEL.contains(c.name())) {
                binder.error(c.location(), "<" + c.name() + "> is not allowed inside <" + plugin.name() + ">; it belongs at the top level"
                        + (c.name().equals("match") || c.name().equals("filter") ? " or in a <label>" : ""));
            }
        }
    }

    PluginContextImpl context(ConfigElement e, String id, String type, Supplier<EventRouter> router) {
        Logger plog = LoggerFactory.getLogger("plugin." + id);
        ConfigValue level = e.peek("@log_level");
        if (level != null) {
            pluginLogLevels.put(plog.getName(), level.text().trim());
        }
        Class<?> cls = registry.find(e.name().equals("source") ? PluginRegistry.Kind.INPUT
                : e.name().equals("filter") ? PluginRegistry.Kind.FILTER : PluginRegistry.Kind.OUTPUT, type);
        return new PluginContextImpl(id, type, plog, dataDir, router, errorSink, e.location(), monitor, handover, http, MaskedConfig.of(e, cls),
                registry);
    }
}
