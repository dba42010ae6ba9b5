package io.floe.api;

import io.floe.conf.ConfigElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * The plugins a plugin may build from a section of its own config: the parser a {@code <parse>} names, the
 * formatter of a {@code <format>}. The agent hands out its registry (one class-path scan at start-up);
 * outside an agent (a plugin's unit tests) {@link #classPath()} scans once per JVM. Binding goes through
 * {@link #bind}, so a plugin never needs the binder itself: that is the engine's (floe-binder).
 */
public interface PluginTypes {
    /** The class registered as {@code type} (name or alias) among the plugins implementing {@code kind}, or null. */
    Class<?> find(Class<?> kind, String type);

    /** The names and aliases of the plugins implementing {@code kind}, sorted. */
    List<String> types(Class<?> kind);

    /**
     * Binds a section on its own to a {@code Config} record.
     *
     * @throws io.floe.conf.ConfigException the first problem, as the binder words it, any others suppressed on it
     */
    <R extends Record> R bind(Class<R> config, ConfigElement section);

    /**
     * Builds {@code plugin} from a section: binds its {@code Config} and calls its public {@code (Config, env)}
     * constructor, whose exceptions pass through as they are.
     */
    default Object build(Class<?> plugin, ConfigElement section, Object env) {
        Constructor<?> ctor = constructor(plugin, env.getClass());
        @SuppressWarnings("unchecked")
        Record config = bind((Class<? extends Record>) ctor.getParameterTypes()[0], section);
        try {
            return ctor.newInstance(config, env);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + plugin.getName(), e);
        }
    }

    /** The plugin's public {@code (Config, env)} constructor: every plugin has one, see {@link Plugin}. */
    static Constructor<?> constructor(Class<?> plugin, Class<?> env) {
        for (Constructor<?> c : plugin.getConstructors()) {
            Class<?>[] params = c.getParameterTypes();
            if (params.length == 2 && params[0].isRecord() && params[1] == env) {
                return c;
            }
        }
        throw new IllegalStateException(plugin.getName() + " has no public (Config, " + env.getSimpleName() + ") constructor");
    }

    /**
     * The plugins of every {@link PluginCatalog} on the class path, bound by the engine's binder: floe-binder's
     * implementation, found through {@link java.util.ServiceLoader} like the catalogs.
     */
    static PluginTypes classPath() {
        return PluginTypesService.INSTANCE;
    }
}
