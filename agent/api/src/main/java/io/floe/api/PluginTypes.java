package io.floe.api;

import java.util.List;

/**
 * The plugins a plugin may build from a section of its own config: the parser a {@code <parse>} names, the
 * formatter of a {@code <format>}. The agent hands out its registry (one class-path scan at start-up);
 * outside an agent (a plugin's unit tests) {@link #classPath()} scans once per JVM.
 */
public interface PluginTypes {
    /** The class registered as {@code type} (name or alias) among the plugins implementing {@code kind}, or null. */
    Class<?> find(Class<?> kind, String type);

    /** The names and aliases of the plugins implementing {@code kind}, sorted. */
    List<String> types(Class<?> kind);

    /** The plugins of every {@link PluginCatalog} on the class path. */
    static PluginTypes classPath() {
        return ClassPathPluginTypes.INSTANCE;
    }
}
