package io.floe.parsers;

import static io.floe.parsers.ParserTestSupport.at;
import static io.floe.parsers.ParserTestSupport.one;
import static io.floe.parsers.ParserTestSupport.parser;
import static io.floe.parsers.ParserTestSupport.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.agent.binder.Binder;
import io.floe.api.Plugin;
import io.floe.api.PluginCatalog;
import io.floe.api.PluginTypes;
import io.floe.api.config.Inline;
import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigException;
import io.floe.conf.Location;
import io.floe.parsers.none.NoneParser;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ParsersTest {
    @Test
    void catalogIsFoundAndEveryParserHasItsOwnConfigWithTheCommonParameters() {
        PluginCatalog ours = ServiceLoader.load(PluginCatalog.class).stream().map(ServiceLoader.Provider::get)
                .filter(c -> c instanceof ParserPlugins).findFirst().orElseThrow();
        for (Class<?> c : ours.plugins()) {
            assertTrue(Parser.class.isAssignableFrom(c), c.getName());
            Plugin p = c.getAnnotation(Plugin.class);
            assertNotNull(p, c.getName());
            assertTrue(c.getPackageName().endsWith("." + p.type()), c.getName() + " is not in package " + p.type());
            Class<?> config = PluginTypes.constructor(c, ParserEnv.class).getParameterTypes()[0];
            assertTrue(config.getSimpleName().equals("Config") && config.isRecord(), c.getName() + " takes " + config.getName());
            RecordComponent first = config.getRecordComponents()[0];
            assertEquals(ParseConfig.class, first.getType(), c.getName() + ": the common parameters come first");
            assertNotNull(first.getAnnotation(Inline.class), c.getName() + ": the common parameters are written in <parse> itself");
        }
        assertEquals(List.of("apache", "apache2", "apache_error", "container", "cri", "csv", "docker", "json", "ltsv",
                "multi_format", "nginx", "none", "regexp", "syslog", "tsv"), PluginTypes.classPath().types(Parser.class));
    }

    @Test
    void anEmptySectionBindsWithDefaults() {
        Binder b = new Binder();
        NoneParser.Config c = b.bind(NoneParser.Config.class, new ConfigElement("parse", "", Location.builtIn("test")));
        assertEquals(List.of(), b.errors());
        assertEquals("message", c.messageKey());
        assertTrue(c.common().estimateCurrentEvent());
    }

    @Test
    void aPatternIsTheSectionOfTheParserItNames() {
        Parser p = parser("@type multi_format", "<pattern>", "format json", "time_key ts", "keep_time_key", "</pattern>",
                "<pattern>", "format /^(?<word>\\w+) (?<ts>\\d+)$/", "time_key ts", "time_type unixtime", "</pattern>");
        Parser.Parsed json = one(p, "{\"ts\":1700000000.5,\"a\":1}");
        assertEquals(at("2023-11-14T22:13:20.5Z"), json.time());
        assertEquals(rec("ts", 1700000000.5, "a", 1L), json.record());
        Parser.Parsed regexp = one(p, "hello 1700000000");
        assertEquals(at("2023-11-14T22:13:20Z"), regexp.time());
        assertEquals(rec("word", "hello"), regexp.record());
    }

    @Test
    void configErrorsNameTheProblem() {
        assertEquals("'@type' parameter is required in <parse>", assertThrows(IllegalArgumentException.class, () -> parser()).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parser("@type grok")).getMessage()
                .startsWith("Unknown parser plugin 'grok'. Floe has: apache, apache2"));
        assertEquals("Unsupported timezone 'Nowhere/Land'",
                assertThrows(IllegalArgumentException.class, () -> parser("@type json", "timezone Nowhere/Land")).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> parser("@type json", "keep_time_key maybe")).getMessage()
                .contains("invalid value for 'keep_time_key' in <parse>"));
    }
}
