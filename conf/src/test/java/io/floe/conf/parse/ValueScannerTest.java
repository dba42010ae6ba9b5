package io.floe.conf.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigValue;
import io.floe.conf.ConfigValue.Quoting;
import io.floe.conf.Diagnostics;
import io.floe.conf.Location;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The value forms of fluent.conf, each written after a key as a user would, through the whole parser. */
class ValueScannerTest {
    private static final Map<String, String> ENV = Map.of("FLOE_SET", "from-env", "FLOE_EMPTY", "");

    static Stream<Arguments> values() {
        return Stream.of(
            // name, text after "k ", expected value, quoting
            Arguments.of("bare", "value", "value", Quoting.BARE),
            Arguments.of("bare keeps # without space before it", "a#b", "a#b", Quoting.BARE),
            Arguments.of("bare starting with #", "#not_comment", "#not_comment", Quoting.BARE),
            Arguments.of("bare with trailing comment", "a #comment", "a", Quoting.BARE),
            Arguments.of("bare with tab before comment", "a\t#comment", "a", Quoting.BARE),
            Arguments.of("bare keeps inner spaces, drops trailing", "a  b  c   ", "a  b  c", Quoting.BARE),
            Arguments.of("bare keeps backslashes", "\\n\\[C:\\x", "\\n\\[C:\\x", Quoting.BARE),
            Arguments.of("bare symbols", "/=~-~@`:?()*{}.[]", "/=~-~@`:?()*{}.[]", Quoting.BARE),
            Arguments.of("bare with embedded code is literal", "#{ENV['FLOE_SET']}", "#{ENV['FLOE_SET']}", Quoting.BARE),
            Arguments.of("single quoted", "'a #b'  # comment", "a #b", Quoting.SINGLE),
            Arguments.of("single quoted escapes only \\' and \\\\", "'it\\'s \\\\ \\n \\t'", "it's \\ \\n \\t", Quoting.SINGLE),
            Arguments.of("single quoted embedded code is literal", "'#{ENV[\"FLOE_SET\"]}'", "#{ENV[\"FLOE_SET\"]}", Quoting.SINGLE),
            Arguments.of("empty single quoted", "''", "", Quoting.SINGLE),
            Arguments.of("double quoted", "\"a#comment\"", "a#comment", Quoting.DOUBLE),
            Arguments.of("double quoted escapes", "\"\\\" \\' \\\\ \\r \\n \\t \\f \\b\"", "\" ' \\ \r \n \t \f \b", Quoting.DOUBLE),
            Arguments.of("double quoted symbol escapes", "\"\\. \\$ \\[ \\#{x}\"", ". $ [ #{x}", Quoting.DOUBLE),
            Arguments.of("double quoted multi-line", "\"line1\nline2\n  line3\"", "line1\nline2\n  line3", Quoting.DOUBLE),
            Arguments.of("double quoted backslash-newline joins lines", "\"abc\\\ndef\"", "abcdef", Quoting.DOUBLE),
            Arguments.of("empty double quoted", "\"\"   ", "", Quoting.DOUBLE),
            Arguments.of("JSON array", "[1, 2,  \"a b\"]", "[1,2,\"a b\"]", Quoting.JSON),
            Arguments.of("JSON hash", "{ \"a\" : 1 , \"b\" : [true, null] }", "{\"a\":1,\"b\":[true,null]}", Quoting.JSON),
            Arguments.of("JSON array with # in a string", "[\"a#b\", \"c # d\"]", "[\"a#b\",\"c # d\"]", Quoting.JSON),
            Arguments.of("multi-line JSON array with comments", "[\n  \"a\", # this is a\n  \"b\", // this is b\n  \"c\"  # this is c\n]",
                    "[\"a\",\"b\",\"c\"]", Quoting.JSON),
            Arguments.of("multi-line JSON hash with comments", "{\n  \"a\": 1, # this is a\n  \"b\": {\"c\": \"x\"} # nested\n}  # done",
                    "{\"a\":1,\"b\":{\"c\":\"x\"}}", Quoting.JSON),
            Arguments.of("ENV['NAME'] set", "\"#{ENV['FLOE_SET']}\"", "from-env", Quoting.DOUBLE),
            Arguments.of("ENV[\"NAME\"] set, with text around", "\"http://#{ENV[\"FLOE_SET\"]}:9200\"", "http://from-env:9200", Quoting.DOUBLE),
            Arguments.of("ENV['NAME'] unset is empty", "\"x#{ENV['FLOE_UNSET']}y\"", "xy", Quoting.DOUBLE),
            Arguments.of("ENV['NAME'] with spaces", "\"#{ ENV [ 'FLOE_SET' ] }\"", "from-env", Quoting.DOUBLE),
            Arguments.of("ENV.fetch set", "\"#{ENV.fetch('FLOE_SET')}\"", "from-env", Quoting.DOUBLE),
            Arguments.of("ENV.fetch set ignores default", "\"#{ENV.fetch(\"FLOE_SET\", \"d\")}\"", "from-env", Quoting.DOUBLE),
            Arguments.of("ENV.fetch unset uses default", "\"#{ENV.fetch('FLOE_UNSET', 'elasticsearch')}\"", "elasticsearch", Quoting.DOUBLE),
            Arguments.of("ENV.fetch default with spaces and mixed quotes", "\"#{ ENV.fetch( 'FLOE_UNSET' , \"9200\" ) }\"", "9200", Quoting.DOUBLE),
            Arguments.of("ENV.fetch of an empty variable", "\"[#{ENV.fetch('FLOE_EMPTY', 'd')}]\"", "[]", Quoting.DOUBLE),
            Arguments.of("two interpolations", "\"#{ENV['FLOE_SET']}-#{ENV.fetch('FLOE_UNSET','x')}\"", "from-env-x", Quoting.DOUBLE)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void valueForms(String name, String written, String expected, Quoting quoting) {
        String text = "<source>\n  k " + written + "\n  next 1\n</source>\n";
        ConfigElement source = FluentConfParser.parse(text, "v.conf", null, new Diagnostics(), ENV::get)
                .children().get(0);
        ConfigValue v = source.peek("k");
        assertNotNull(v);
        assertEquals(expected, v.text());
        assertEquals(quoting, v.quoting());
        assertEquals(new Location("v.conf", 2), v.location());
        assertEquals("1", source.peek("next").text(), "the parameter after the value is still read");
    }

    static Stream<Arguments> keysWithoutValue() {
        return Stream.of(
            Arguments.of("key alone", "tag_mapped"),
            Arguments.of("key with trailing blanks", "tag_mapped   "),
            Arguments.of("key at end of file", "tag_mapped"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keysWithoutValue")
    void keyWithoutValueIsEmpty(String name, String line) {
        String text = name.contains("end of file") ? "k1 v1\n" + line : "k1 v1\n" + line + "\nk2 v2\n";
        ConfigElement root = FluentConfParser.parse(text, "v.conf", null, new Diagnostics(), ENV::get);
        assertEquals("", root.peek("tag_mapped").text());
        assertEquals(2, root.peek("tag_mapped").location().line());
        assertEquals("v1", root.peek("k1").text());
    }
}
