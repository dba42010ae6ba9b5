package io.floe.agent.config;

import io.floe.agent.binder.Binder;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.conf.ConfigDump;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Set;

/**
 * The parameters whose values are never shown: Fluentd's well-known names and every
 * {@code @Param(secret = true)} of a config record, in its subsections too ({@code <security>},
 * {@code <server>}, {@code <user>}). Whatever prints a configuration (the config dump in the log and
 * {@code --dry-run}, monitor_agent's {@code include_config}) masks these.
 */
final class SecretParams {
    private SecretParams() {
    }

    /** The well-known names and those of the config record {@code type} and its sections. */
    static Set<String> of(Class<?> type) {
        Set<String> names = new HashSet<>(ConfigDump.DEFAULT_SECRET_KEYS);
        collect(type, names, new HashSet<>());
        return names;
    }

    /** The well-known names and those of every plugin the registry knows. */
    static Set<String> of(PluginRegistry registry) {
        Set<String> names = new HashSet<>(ConfigDump.DEFAULT_SECRET_KEYS);
        Set<Class<?>> seen = new HashSet<>();
        for (PluginRegistry.Kind k : PluginRegistry.Kind.values()) {
            for (Class<?> plugin : registry.all(k).values()) {
                collect(configType(plugin), names, seen);
            }
        }
        return names;
    }

    /** The plugin's config record, or null for those the engine builds (copy, relabel), which have none. */
    static Class<?> configType(Class<?> plugin) {
        try {
            return PluginRegistry.configType(plugin);
        } catch (IllegalStateException engineBuilt) {
            return null;
        }
    }

    private static void collect(Class<?> type, Set<String> names, Set<Class<?>> seen) {
        if (type == null || !type.isRecord() || !seen.add(type)) {
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            Param p = c.getAnnotation(Param.class);
            if (p != null && p.secret()) {
                names.add(Binder.paramName(c, p));
            }
            if (c.getAnnotation(Section.class) != null || c.getAnnotation(Inline.class) != null) {
                collect(c.getType(), names, seen);
                collect(elementType(c.getGenericType()), names, seen);
            }
        }
    }

    /** The element type of a repeated section ({@code List<Server>}), else null. */
    private static Class<?> elementType(Type t) {
        if (t instanceof ParameterizedType pt && pt.getActualTypeArguments().length == 1
                && pt.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return null;
    }
}
