package io.floe.filters;

import io.floe.api.PluginCatalog;
import io.floe.filters.grep.GrepFilter;
import io.floe.filters.parser.ParserFilter;
import io.floe.filters.record_transformer.RecordTransformerFilter;
import io.floe.filters.stdout.StdoutFilter;
import java.util.List;

/** The filters this module ships. */
public final class FilterPlugins implements PluginCatalog {
    @Override
    public List<Class<?>> plugins() {
        return List.of(RecordTransformerFilter.class, GrepFilter.class, ParserFilter.class, StdoutFilter.class, io.floe.filters.kubernetes_metadata.KubernetesMetadataFilter.class);
    }
}
