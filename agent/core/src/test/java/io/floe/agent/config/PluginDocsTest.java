package io.floe.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.agent.binder.Binder;
import io.floe.api.Plugin;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.conf.ConfigElement;
import io.floe.conf.Location;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every shipped plugin documents itself, and docs/plugins.md is what the code says. */
class PluginDocsTest {
    private final PluginRegistry registry = PluginRegistry.fromClassPath();

    @Test
    void everyParameterHasADescriptionAFluentdNameAndADefaultThatParses() {
        for (PluginRegistry.Kind kind : PluginRegistry.Kind.values()) {
            for (Map.Entry<String, Class<?>> e : registry.all(kind).entrySet()) {
                if (e.getValue().getPackageName().startsWith("io.floe.agent.testplugins")) {
                    continue;
                }
                Plugin p = e.getValue().getAnnotation(Plugin.class);
                assertFalse(p.desc().isBlank(), e.getKey());
                check(PluginRegistry.configType(e.getValue()), e.getKey());
            }
        }
        check(io.floe.agent.pipeline.BufferConfig.class, "buffer");
    }

    private void check(Class<?> record, String where) {
        check(record, where, new HashSet<>());
    }

    /** {@code names}: those of the section so far, the parameters of its {@code @Inline} records included. */
    private void check(Class<?> record, String where, Set<String> names) {
        for (RecordComponent c : record.getRecordComponents()) {
            Param p = c.getAnnotation(Param.class);
            Section s = c.getAnnotation(Section.class);
            if (p != null) {
                String name = Binder.paramName(c, p);
                assertTrue(name.matches("@?[a-z][a-z0-9_]*"), where + ": '" + name + "' is not snake_case");
                assertTrue(names.add(name), where + ": '" + name + "' twice");
                assertFalse(p.desc().isBlank(), where + "." + name + " has no description");
            } else if (c.getAnnotation(Inline.class) != null) {
                assertFalse(c.getAnnotation(Inline.class).title().isBlank(), where + "." + c.getName() + " has no title");
                check(c.getType(), where, names);
            } else if (s != null && !s.kind().isEmpty()) {
                // <parse>, <format>: the plugin its @type names binds it; its kind must exist for the docs' link.
                assertFalse(s.desc().isBlank(), where + ": section " + c.getName() + " has no description");
                assertTrue(java.util.Arrays.stream(PluginRegistry.Kind.values()).anyMatch(k -> k.word().equals(s.kind())),
                        where + ": section " + c.getName() + " names no plugin kind: " + s.kind());
            } else if (s != null && Map.class.isAssignableFrom(c.getType())) {
                assertFalse(s.desc().isBlank(), where + ": section " + c.getName() + " has no description");
            } else if (s != null) {
                assertFalse(s.desc().isBlank(), where + ": section " + c.getName() + " has no description");
                Class<?> type = List.class.isAssignableFrom(c.getType())
                        ? (Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0] : c.getType();
                check(type, where + "." + c.getName());
            }
        }
        if (record.isRecord()) {
            // Binding an empty section parses every default; required parameters report, nothing throws.
            Binder binder = new Binder();
            @SuppressWarnings("unchecked")
            Class<? extends Record> r = (Class<? extends Record>) record;
            binder.bind(r, new ConfigElement("x", "", Location.builtIn("test")));
            binder.errors().forEach(err -> assertTrue(err.getMessage().contains("is required") || err.getMessage().contains("needs"),
                    where + ": " + err.getMessage()));
        }
    }

    @Test
    void copyAndRelabelAreOutputPluginsDocumentedWithTheirSections() {
        assertEquals(io.floe.agent.pipeline.CopyPlugin.class, registry.find(PluginRegistry.Kind.OUTPUT, "copy"));
        assertEquals(io.floe.agent.pipeline.RelabelPlugin.class, registry.find(PluginRegistry.Kind.OUTPUT, "relabel"));
        String md = PluginDocs.markdown(registry);
        String copy = md.substring(md.indexOf("## output `copy`"), md.indexOf("\n## ", md.indexOf("## output `copy`") + 1));
        assertTrue(copy.contains("`copy_mode`") && copy.contains("**`<store>`**") && copy.contains("ignore_error")
                && copy.contains("ignore_if_prev_success"), copy);
        String relabel = md.substring(md.indexOf("## output `relabel`"));
        assertTrue(relabel.contains("| `@label` | string | required |"), relabel);
    }

    @Test
    void docsPluginsMdIsUpToDate() throws Exception {
        Path home = io.floe.agent.process.AgentProcess.home();
        Path committed = home.resolve("docs/plugins.md");
        List<io.floe.api.PluginCatalog> shipped = java.util.ServiceLoader.load(io.floe.api.PluginCatalog.class).stream()
                .map(java.util.ServiceLoader.Provider::get)
                .filter(c -> !c.getClass().getPackageName().startsWith("io.floe.agent.testplugins")).toList();
        String expected = PluginDocs.markdown(new PluginRegistry(shipped));
        assertTrue(Files.exists(committed), "docs/plugins.md is missing: run bin/floe plugin-doc > docs/plugins.md");
        assertEquals(expected, Files.readString(committed), "docs/plugins.md is stale: run bin/floe plugin-doc > docs/plugins.md");
    }
}
