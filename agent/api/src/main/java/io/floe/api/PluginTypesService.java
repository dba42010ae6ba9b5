package io.floe.api;

import java.util.ServiceLoader;

/**
 * {@link PluginTypes#classPath()}, found when first asked for: the API declares no binder of its own (that would put
 * the binder's dependencies on every plugin's class path), so the engine's floe-binder provides the service.
 */
final class PluginTypesService {
    static final PluginTypes INSTANCE = ServiceLoader.load(PluginTypes.class, PluginTypes.class.getClassLoader())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no " + PluginTypes.class.getName()
                    + " service on the class path: floe-binder provides it"));

    private PluginTypesService() {
    }
}
