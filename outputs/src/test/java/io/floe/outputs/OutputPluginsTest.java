package io.floe.outputs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.floe.api.Output;
import io.floe.api.Plugin;
import io.floe.api.PluginCatalog;
import io.floe.api.PluginContext;
import io.floe.api.config.Binder;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OutputPluginsTest {
    @Test
    void catalogIsFoundAndEveryPluginHasTheExpectedShape() throws Exception {
        List<PluginCatalog> catalogs = ServiceLoader.load(PluginCatalog.class).stream().map(ServiceLoader.Provider::get).toList();
        PluginCatalog ours = catalogs.stream().filter(c -> c instanceof OutputPlugins).findFirst().orElseThrow();
        List<String> types = ours.plugins().stream().map(c -> c.getAnnotation(Plugin.class).type()).toList();
        assertEquals(List.of("stdout", "file", "null", "elasticsearch", "forward"), types);
        for (Class<?> c : ours.plugins()) {
            assertEquals(true, Output.class.isAssignableFrom(c), c.getName());
            Class<?> config = Class.forName(c.getName() + "$Config");
            assertEquals(true, config.isRecord(), c.getName());
            assertDoesNotThrow(() -> c.getConstructor(config, PluginContext.class), c.getName() + " needs a public (Config, PluginContext) constructor");
            // Every annotation of the Config must be complete enough for the binder (defaults parse).
            if (!c.getSimpleName().equals("FileOutput")) {
                @SuppressWarnings("unchecked")
                Class<? extends Record> rc = (Class<? extends Record>) config;
                Binder b = new Binder();
                // forward needs its one required section
                String[] required = c.getSimpleName().equals("ForwardOutput")
                        ? new String[] {"<server>", "host 127.0.0.1", "</server>"} : new String[0];
                assertNotNull(b.bind(rc, TestSupport.conf(required)), b.errors().toString());
            }
        }
    }
}
