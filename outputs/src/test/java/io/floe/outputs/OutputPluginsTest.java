package io.floe.outputs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.agent.binder.Binder;
import io.floe.api.Output;
import io.floe.api.Plugin;
import io.floe.api.PluginCatalog;
import io.floe.api.PluginContext;
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
            assertTrue(Output.class.isAssignableFrom(c), c.getName());
            Class<?> config = Class.forName(c.getName() + "$Config");
            assertTrue(config.isRecord(), c.getName());
            assertDoesNotThrow(() -> c.getConstructor(config, PluginContext.class), c.getName() + " needs a public (Config, PluginContext) constructor");
            // Every annotation of the Config must be complete enough for the binder (defaults parse), given the
            // parameters the plugin cannot do without.
            @SuppressWarnings("unchecked")
            Class<? extends Record> rc = (Class<? extends Record>) config;
            Binder b = new Binder();
            String[] required = switch (c.getSimpleName()) {
                case "ForwardOutput" -> new String[] {"<server>", "host 127.0.0.1", "</server>"};
                case "FileOutput" -> new String[] {"path /var/log/floe/out"};
                default -> new String[0];
            };
            Record bound = b.bind(rc, TestSupport.conf(required));
            assertEquals(List.of(), b.errors(), c.getName());
            assertTrue(rc.isInstance(bound), c.getName());
        }
    }
}
