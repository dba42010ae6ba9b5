package io.floe.api;

import java.util.List;

/**
 * The one list a module keeps of the plugins it ships, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.floe.api.PluginCatalog}). Each class carries {@link Plugin}.
 * A list rather than one service entry per plugin, because plugins are immutable and built from
 * their bound config, which ServiceLoader's no-argument construction cannot do.
 */
public interface PluginCatalog {
    List<Class<?>> plugins();
}
