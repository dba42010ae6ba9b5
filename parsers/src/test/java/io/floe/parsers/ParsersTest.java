package io.floe.parsers;

import static io.floe.parsers.ParserTestSupport.config;
import static io.floe.parsers.ParserTestSupport.parser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.Plugin;
import io.floe.api.PluginCatalog;
import io.floe.api.config.Binder;
import io.floe.conf.ConfigElement;
import io.floe.conf.Location;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ParsersTest {
    @Test
    void catalogIsFoundAndEveryParserHasTheExpectedShape() throws Exception {
        PluginCatalog ours = ServiceLoader.load(PluginCatalog.class).stream().map(ServiceLoader.Provider::get)
                .filter(c -> c instanceof ParserPlugins).findFirst().orElseThrow();
        for (Class<?> c : ours.plugins()) {
            assertTrue(Parser.class.isAssignableFrom(c), c.getName());
            Plugin p = c.getAnnotation(Plugin.class);
            assertNotNull(p, c.getName());
            assertTrue(c.getPackageName().endsWith("." + p.type()), c.getName() + " is not in package " + p.type());
            assertNotNull(c.getConstructor(ParseConfig.class, ParserEnv.class));
        }
        assertEquals(List.of("apache", "apache2", "apache_error", "container", "cri", "csv", "docker", "json", "ltsv",
                "multi_format", "nginx", "none", "regexp", "syslog", "tsv"), Parsers.types());
    }

    @Test
    void anEmptySectionBindsWithDefaultsAndPatternsConvert() {
        Binder b = new Binder();
        ParseConfig c = b.bind(ParseConfig.class, new ConfigElement("parse", "", Location.builtIn("test")));
        assertEquals(List.of(), b.errors());
        assertEquals("message", c.messageKey());
        assertTrue(c.estimateCurrentEvent());
        ParseConfig fromPattern = config("@type multi_format", "<pattern>", "format json", "time_key ts", "keep_time_key", "</pattern>")
                .patterns().get(0).toParseConfig();
        assertEquals("json", fromPattern.type());
        assertEquals("ts", fromPattern.timeKey());
        assertEquals(Boolean.TRUE, fromPattern.keepTimeKey());
        assertEquals(List.of(), fromPattern.patterns());
    }

    @Test
    void configErrorsNameTheProblem() {
        assertEquals("'@type' parameter is required in <parse>", assertThrows(IllegalArgumentException.class, () -> parser()).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parser("@type grok")).getMessage()
                .startsWith("Unknown parser plugin 'grok'. Floe has: apache, apache2"));
        assertEquals("Unsupported timezone 'Nowhere/Land'",
                assertThrows(IllegalArgumentException.class, () -> parser("@type json", "timezone Nowhere/Land")).getMessage());
    }
}
