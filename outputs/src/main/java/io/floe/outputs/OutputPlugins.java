package io.floe.outputs;

import io.floe.api.PluginCatalog;
import io.floe.outputs.elasticsearch.ElasticsearchOutput;
import io.floe.outputs.forward.ForwardOutput;
import io.floe.outputs.file.FileOutput;
import io.floe.outputs.nulls.NullOutput;
import io.floe.outputs.stdout.StdoutOutput;
import java.util.List;

/** The outputs this module ships. */
public final class OutputPlugins implements PluginCatalog {
    @Override
    public List<Class<?>> plugins() {
        return List.of(StdoutOutput.class, FileOutput.class, NullOutput.class, ElasticsearchOutput.class,
                ForwardOutput.class);
    }
}
