package io.floe.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.agent.binder.Binder;
import io.floe.api.Filter;
import io.floe.api.Plugin;
import io.floe.api.PluginCatalog;
import io.floe.api.PluginContext;
import io.floe.conf.ConfigElement;
import io.floe.conf.Location;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class FilterPluginsTest {
    @Test
    void catalogIsFoundAndEveryFilterHasTheExpectedShape() throws Exception {
        PluginCatalog ours = ServiceLoader.load(PluginCatalog.class).stream().map(ServiceLoader.Provider::get)
                .filter(c -> c instanceof FilterPlugins).findFirst().orElseThrow();
        assertEquals(List.of("record_transformer", "grep", "parser", "stdout", "kubernetes_metadata"),
                ours.plugins().stream().map(c -> c.getAnnotation(Plugin.class).type()).toList());
        for (Class<?> c : ours.plugins()) {
            assertTrue(Filter.class.isAssignableFrom(c), c.getName());
            assertTrue(c.getPackageName().endsWith("." + c.getAnnotation(Plugin.class).type()), c.getName());
            Class<?> config = Class.forName(c.getName() + "$Config");
            assertTrue(config.isRecord(), c.getName());
            assertDoesNotThrow(() -> c.getConstructor(config, PluginContext.class), c.getName() + " needs a public (Config, PluginContext) constructor");
            // An empty section binds: every default parses, and only required parameters are reported.
            Binder b = new Binder();
            @SuppressWarnings("unchecked")
            Class<? extends Record> rc = (Class<? extends Record>) config;
            b.bind(rc, new ConfigElement("filter", "**", Location.builtIn("test")));
            b.errors().forEach(e -> assertTrue(e.getMessage().contains("is required"), e.getMessage()));
        }
    }
}
