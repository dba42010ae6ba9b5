package io.floe.agent.testplugins;

import io.floe.api.PluginCatalog;
import java.util.List;

/** Plugins that exist only in the engine's tests, to observe routing and provoke failures. */
public final class TestPlugins implements PluginCatalog {
    @Override
    public List<Class<?>> plugins() {
        return List.of(CaptureOutput.class, SetFieldFilter.class);
    }
}
