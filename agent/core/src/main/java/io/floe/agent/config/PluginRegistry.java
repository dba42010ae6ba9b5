package io.floe.agent.config;

import io.floe.api.Filter;
import io.floe.api.Input;
import io.floe.api.Output;
import io.floe.api.Plugin;
import io.floe.api.PluginCatalog;
import io.floe.api.PluginContext;
import io.floe.api.config.Binder;
import io.floe.conf.ConfigElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The plugins on the class path, by kind and {@code @type} name, and how to build one from its section. */
public final class PluginRegistry {

    /** The three kinds of plugin, with Fluentd's word for each in error messages. */
    public enum Kind {
        INPUT(Input.class, "input"), FILTER(Filter.class, "filter"), OUTPUT(Output.class, "output");

        final Class<?> api;
        final String word;

        Kind(Class<?> api, String word) {
            this.api = api;
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    private final Map<Kind, Map<String, Class<?>>> byKind = new java.util.EnumMap<>(Kind.class);

    public PluginRegistry(Iterable<PluginCatalog> catalogs) {
        for (Kind k : Kind.values()) {
            byKind.put(k, new TreeMap<>());
        }
        for (PluginCatalog catalog : catalogs) {
            for (Class<?> c : catalog.plugins()) {
                register(c);
            }
        }
    }

    public static PluginRegistry fromClassPath() {
        return new PluginRegistry(ServiceLoader.load(PluginCatalog.class));
    }

    private void register(Class<?> c) {
        Plugin p = c.getAnnotation(Plugin.class);
        if (p == null) {
            throw new IllegalStateException(c.getName() + " is listed as a plugin but has no @Plugin");
        }
        for (Kind k : Kind.values()) {
            // copy and relabel are outputs that route inside the engine instead of writing.
            if (k.api.isAssignableFrom(c) || k == Kind.OUTPUT && io.floe.agent.pipeline.RoutingPlugin.class.isAssignableFrom(c)) {
                byKind.get(k).put(p.type(), c);
                for (String alias : p.aliases()) {
                    byKind.get(k).put(alias, c);
                }
            }
        }
    }

    public Class<?> find(Kind kind, String type) {
        return byKind.get(kind).get(type);
    }

    public List<String> types(Kind kind) {
        return List.copyOf(byKind.get(kind).keySet());
    }

    /** Every parameter name whose value is never shown, of any plugin known here (see {@link SecretParams}). */
    public java.util.Set<String> secretParams() {
        return SecretParams.of(this);
    }

    public Map<String, Class<?>> all(Kind kind) {
        return java.util.Collections.unmodifiableMap(byKind.get(kind));
    }

    /** The plugin's nested {@code Config} record type. */
    @SuppressWarnings("unchecked")
    public static Class<? extends Record> configType(Class<?> plugin) {
        for (Constructor<?> ctor : plugin.getConstructors()) {
            Class<?>[] params = ctor.getParameterTypes();
            if (params.length == 2 && params[0].isRecord() && params[1] == PluginContext.class) {
                return (Class<? extends Record>) params[0];
            }
        }
        throw new IllegalStateException(plugin.getName() + " has no public (Config, PluginContext) constructor");
    }

    /**
     * Binds the section and constructs the plugin; returns null when binding collected errors in
     * {@code binder}. Exceptions from the constructor are configuration errors of that section.
     */
    public Object create(Class<?> plugin, ConfigElement section, PluginContext ctx, Binder binder) {
        Class<? extends Record> cfgType = configType(plugin);
        Record cfg = binder.bind(cfgType, section);
        if (cfg == null) {
            return null;
        }
        try {
            return plugin.getConstructor(cfgType, PluginContext.class).newInstance(cfg, ctx);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof io.floe.conf.ConfigException ce) {
                binder.errors().add(ce);
            } else {
                binder.error(section.location(), "<" + section.name() + "> " + ctx.type() + ": " + cause.getMessage());
            }
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + plugin.getName(), e);
        }
    }
}
