package io.floe.outputs.format;

import io.floe.api.PluginCatalog;
import java.util.List;

/** The formatters this module ships: the registry files them as the formatter kind. */
public final class FormatterPlugins implements PluginCatalog {
    @Override
    public List<Class<?>> plugins() {
        return List.of(OutFileFormatter.class, JsonFormatter.class, LtsvFormatter.class, CsvFormatter.class, TsvFormatter.class,
                SingleValueFormatter.class, HashFormatter.class, StdoutFormatter.class);
    }
}
