package io.floe.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.codec.event.EventTime;
import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigException;
import io.floe.conf.ConfigValue;
import io.floe.conf.Location;
import io.floe.outputs.format.Formatter;
import io.floe.outputs.format.JsonFormatter;
import io.floe.outputs.format.StdoutFormatter;
import io.floe.parsers.Parser;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.Parsers;
import io.floe.parsers.json.JsonParser;
import io.floe.parsers.multi_format.MultiFormatParser;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

/** Parsers and formatters are kinds of the one registry, and a {@code <parse>} binds only what its parser takes. */
class PluginRegistryTest {
    private final PluginRegistry registry = PluginRegistry.fromClassPath();

    @Test
    void parsersAndFormattersAreKindsOfTheRegistry() {
        assertSame(JsonParser.class, registry.find(PluginRegistry.Kind.PARSER, "json"));
        assertSame(JsonParser.class, registry.find(Parser.class, "json"));
        assertSame(StdoutFormatter.class, registry.find(PluginRegistry.Kind.FORMATTER, "stdout"));
        assertSame(JsonFormatter.class, registry.find(Formatter.class, "json"));
        assertEquals(MultiFormatParser.Config.class, PluginRegistry.configType(MultiFormatParser.class));
        // The stdout output and the stdout formatter share a name, not a kind.
        assertNotSame(registry.find(PluginRegistry.Kind.OUTPUT, "stdout"), registry.find(PluginRegistry.Kind.FORMATTER, "stdout"));
        assertTrue(registry.types(Parser.class).contains("multi_format"));
    }

    @Test
    void aParseSectionIsBoundByTheParserItNamesSoOtherParsersParametersStayUnused() {
        ConfigElement parse = section("@type json", "time_key ts", "keys a,b", "message_key m");
        Parser p = Parsers.create(parse, new ParserEnv(ZoneOffset.UTC, () -> null, NOPLogger.NOP_LOGGER, registry));
        assertEquals(new EventTime(1, 500_000_000), p.parseFirst("{\"ts\":1.5,\"v\":1}").time());
        assertTrue(parse.isUsed("time_key"), "a common parameter of every parser");
        assertFalse(parse.isUsed("keys"), "csv's, not json's: reported as not used");
        assertFalse(parse.isUsed("message_key"), "none's, not json's: reported as not used");
    }

    @Test
    void aBadValueIsReportedAsTheBinderWordsIt() {
        ConfigElement parse = section("@type json", "keep_time_key maybe");
        ConfigException e = assertThrows(ConfigException.class,
                () -> Parsers.create(parse, new ParserEnv(ZoneOffset.UTC, () -> null, NOPLogger.NOP_LOGGER, registry)));
        assertTrue(e.getMessage().contains("invalid value for 'keep_time_key' in <parse>: expected true or false"), e.getMessage());
    }

    private static ConfigElement section(String... lines) {
        ConfigElement e = new ConfigElement("parse", "", Location.builtIn("test"));
        for (String line : lines) {
            int sp = line.indexOf(' ');
            e.put(line.substring(0, sp), ConfigValue.bare(line.substring(sp + 1), Location.builtIn("test")));
        }
        return e;
    }
}
