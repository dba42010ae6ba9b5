package io.floe.agent.config;

import io.floe.agent.binder.Binder;
import io.floe.agent.pipeline.RoutingPlugin;
import io.floe.api.Filter;
import io.floe.api.Input;
import io.floe.api.Output;
import io.floe.api.Plugin;
import io.floe.api.PluginCatalog;
import io.floe.api.PluginContext;
import io.floe.api.PluginTypes;
import io.floe.conf.ConfigElement;
import io.floe.outputs.format.Formatter;
import io.floe.outputs.format.FormatterEnv;
import io.floe.parsers.Parser;
import io.floe.parsers.ParserEnv;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The plugins on the class path, by kind and {@code @type} name, and how to build one from its section. Found
 * once, at start-up; the parsers and formatters that plugins build from their {@code <parse>} and
 * {@code <format>} sections are looked up here too (the registry is each plugin's {@link PluginContext#plugins()}).
 */
public final class PluginRegistry implements PluginTypes {

    /**
     * The kinds of plugin, with Fluentd's word for each in error messages, and what their constructor takes
     * beside the {@code Config}: the engine's context, or what the owning plugin passes.
     */
    public enum Kind {
        INPUT(Input.class, "input", PluginContext.class), FILTER(Filter.class, "filter", PluginContext.class),
        OUTPUT(Output.class, "output", PluginContext.class), PARSER(Parser.class, "parser", ParserEnv.class),
        FORMATTER(Formatter.class, "formatter", FormatterEnv.class);

        final Class<?> api;
        final String word;
        final Class<?> env;

        Kind(Class<?> api, String word, Class<?> env) {
            this.api = api;
            this.word = word;
            this.env = env;
        }

        public String word() {
            return word;
        }

        /** Whether a plugin class is of this kind; copy and relabel are outputs that route inside the engine instead of writing. */
        boolean accepts(Class<?> c) {
            return api.isAssignableFrom(c) || this == OUTPUT && RoutingPlugin.class.isAssignableFrom(c);
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
            if (k.accepts(c)) {
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

    @Override
    public Class<?> find(Class<?> api, String type) {
        return find(kindOf(api), type);
    }

    @Override
    public List<String> types(Class<?> api) {
        return types(kindOf(api));
    }

    @Override
    public <R extends Record> R bind(Class<R> config, ConfigElement section) {
        return Binder.bindOrThrow(config, section);
    }

    private static Kind kindOf(Class<?> api) {
        for (Kind k : Kind.values()) {
            if (k.api == api) {
                return k;
            }
        }
        throw new IllegalArgumentException(api.getName() + " is not a plugin kind");
    }

    /** Every parameter name whose value is never shown, of any plugin known here (see {@link SecretParams}). */
    public java.util.Set<String> secretParams() {
        return SecretParams.of(this);
    }

    public Map<String, Class<?>> all(Kind kind) {
        return java.util.Collections.unmodifiableMap(byKind.get(kind));
    }

    /** The plugin's nested {@code Config} record type: the first parameter of its {@code (Config, context)} constructor. */
    @SuppressWarnings("unchecked")
    public static Class<? extends Record> configType(Class<?> plugin) {
        for (Kind k : Kind.values()) {
            if (k.accepts(plugin)) {
                return (Class<? extends Record>) PluginTypes.constructor(plugin, k.env).getParameterTypes()[0];
            }
        }
        throw new IllegalStateException(plugin.getName() + " is not a plugin of any kind");
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
