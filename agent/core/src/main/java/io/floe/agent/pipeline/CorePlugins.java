package io.floe.agent.pipeline;

import io.floe.api.PluginCatalog;
import java.util.List;

/** The plugins the engine itself ships: the outputs that route inside it rather than write. */
public final class CorePlugins implements PluginCatalog {
    @Override
    public List<Class<?>> plugins() {
        return List.of(CopyPlugin.class, RelabelPlugin.class);
    }
}
