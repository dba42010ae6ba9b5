package io.floe.conf.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.conf.ConfigException;
import io.floe.conf.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed configurations: each must fail with the file and line to look at and a message that says
 * what is wrong, in the form {@code file:line: detail}.
 */
class ConfigExceptionTest {
    @TempDir
    Path dir;

    static Stream<Arguments> malformedFluentConf() {
        return Stream.of(
            Arguments.of("unclosed section", "<source>\n  @type forward\n</source>\n\n<match **>\n  @type stdout\n", 5,
                    "section <match **> opened at line 5 is not closed: expected end tag '</match>' but got end of file"),
            Arguments.of("unclosed nested section", "<match **>\n  <store>\n    @type stdout\n</match>\n", 4,
                    "unmatched end tag '</match>', expected '</store>'"),
            Arguments.of("mismatched end tag", "<match **>\n  @type stdout\n</source>\n", 3,
                    "unmatched end tag '</source>', expected '</match>'"),
            Arguments.of("end tag with nothing open", "k v\n</match>\n", 2, "unmatched end tag '</match>'"),
            Arguments.of("text after '>'", "<match **> @type stdout\n</match>\n", 1,
                    "expected end of line after tag <match **> but got '@type stdout'"),
            Arguments.of("begin and end tag on one line", "<match **></match>\n", 1, "expected end of line after tag"),
            Arguments.of("text after end tag", "<match **>\n</match> <match>\n", 2, "expected end of line after end tag"),
            Arguments.of("missing '>'", "<source>\n  @type forward\n</source>\n<match **\n  @type stdout\n</match>\n", 4,
                    "expected '>' to close the tag '<match **'"),
            Arguments.of("comment in the tag", "<match #a>\n</match>\n", 1, "expected '>'"),
            Arguments.of("no section name", "< match>\n", 1, "expected a section name after '<'"),
            Arguments.of("unterminated double quote", "<match **>\n  @type file\n  path \"/var/log\n</match>\n", 3,
                    "unexpected end of file in a double quoted string"),
            Arguments.of("unterminated single quote", "<match **>\n  path '/var/log\n</match>\n", 2,
                    "unterminated single quoted string"),
            Arguments.of("incomplete JSON array", "<source>\n  keys [\"a\",\n    \"b\"\n</source>\n", 2,
                    "got incomplete JSON array configuration"),
            Arguments.of("incomplete JSON hash", "\n\nmapping {\"a\": 1,\n", 3, "got incomplete JSON hash configuration"),
            Arguments.of("invalid JSON (trailing comma)", "k [1,2,]\n", 1, "got invalid JSON array configuration"),
            Arguments.of("bad escape \\q", "<source>\n  format \"a\\qb\"\n</source>\n", 2,
                    "unexpected back-slash escape character 'q'"),
            Arguments.of("bad escape \\1", "k \"\\1\"\n", 1, "unexpected back-slash escape character '1'"),
            Arguments.of("embedded Socket.gethostname", "<source>\n  host \"#{Socket.gethostname}\"\n</source>\n", 2,
                    "embedded code '#{Socket.gethostname}' is not supported: only #{ENV['NAME']} and "
                            + "#{ENV.fetch('NAME', 'default')} are allowed"),
            Arguments.of("embedded arithmetic", "k \"#{1+1}\"\n", 1, "embedded code '#{1+1}' is not supported"),
            Arguments.of("embedded shell command", "k \"#{`rm -rf /`}\"\n", 1, "embedded code '#{`rm -rf /`}' is not supported"),
            Arguments.of("embedded code in a multi-line string", "k \"a\nb #{system('x')}\"\n", 2,
                    "embedded code '#{system('x')}' is not supported"),
            Arguments.of("empty embedded code", "k \"#{}\"\n", 1, "embedded code '#{}' is not supported"),
            Arguments.of("unclosed embedded code", "k \"#{ENV['A'\"\n", 1, "embedded code '#{' is not closed"),
            Arguments.of("ENV.fetch of a missing variable", "\n<match **>\n  password \"#{ENV.fetch('FLOE_MISSING')}\"\n</match>\n", 3,
                    "environment variable 'FLOE_MISSING' is not set"),
            Arguments.of("garbage after a quoted value", "<source>\n  tag \"a\" b\n</source>\n", 2,
                    "expected end of line after the value of 'tag' but got 'b'"),
            Arguments.of("garbage after a single-quoted value", "tag 'a'b\n", 1, "expected end of line"),
            Arguments.of("garbage after a JSON value", "k [1,\n2] x\n", 2, "expected end of line after the value of 'k'"),
            Arguments.of("'@' prefix at top level", "@k v\n", 1, "'@' is the system reserved prefix"),
            Arguments.of("@include without path", "@include\n", 1, "'@include' needs a file path"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFluentConf")
    void malformedFluentConf(String name, String text, int line, String fragment) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> FluentConfParser.parse(text, "bad.conf", dir, new Diagnostics(), v -> null));
        assertEquals("bad.conf", e.location().file());
        assertEquals(line, e.location().line(), e.getMessage());
        assertTrue(e.detail().contains(fragment), "'" + e.detail() + "' should contain '" + fragment + "'");
        assertTrue(e.getMessage().startsWith("bad.conf:" + line + ": "), e.getMessage());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private ConfigException fails(Path file) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, new Diagnostics(), v -> null));
    }

    private static void assertAt(ConfigException e, Path file, int line, String fragment) {
        assertEquals(file.toString(), e.location().file(), e.getMessage());
        assertEquals(line, e.location().line(), e.getMessage());
        assertTrue(e.detail().contains(fragment), "'" + e.detail() + "' should contain '" + fragment + "'");
    }

    /** One file, loaded as its name says (YAML for .yaml, fluent.conf otherwise): where it fails and why. */
    static Stream<Arguments> malformedFile() {
        return Stream.of(
            Arguments.of("include of a missing file", "main.conf",
                    "<source>\n  @type forward\n</source>\n@include conf.d/missing.conf\n", 4,
                    "include error conf.d/missing.conf: no such file"),
            Arguments.of("YAML bad indentation", "bad.yaml", """
                    config:
                      - source:
                          $type: forward
                         port: 24224
                    """, 4, "invalid YAML"),
            Arguments.of("YAML include of a missing file", "inc.yaml",
                    "config:\n  - source:\n      $type: forward\n  - !include missing.yaml\n", 4,
                    "include error missing.yaml: no such file"),
            Arguments.of("YAML config that is not a list", "notlist.yaml",
                    "system:\n  log_level: info\nconfig:\n  source:\n    $type: forward\n", 3, "'config' must be a list"),
            Arguments.of("YAML unknown directive", "unknown.yaml",
                    "config:\n  - source:\n      $type: forward\n  - sauce:\n      $type: x\n", 4, "unknown directive 'sauce'"),
            Arguments.of("YAML embedded code in a !fluent/s string", "code.yaml",
                    "config:\n  - source:\n      $type: dummy\n      host: !fluent/s \"#{Socket.gethostname}\"\n", 4,
                    "embedded code '#{Socket.gethostname}' is not supported"),
            Arguments.of("YAML Ruby object tag is refused", "ruby.yaml",
                    "config:\n  - source:\n      $type: dummy\n      re: !ruby/regexp /^$/\n", 4,
                    "unsupported YAML tag '!ruby/regexp'"),
            Arguments.of("YAML label without config", "label.yaml", "config:\n  - label:\n      $name: '@X'\n", 2,
                    "label needs a 'config' list"),
            Arguments.of("YAML top level that is not a map", "list.yaml", "- source:\n    $type: forward\n", 1,
                    "must be a map with 'system' and/or 'config'"),
            Arguments.of("YAML two documents", "two.yaml", "config: []\n---\nconfig: []\n", 2, "invalid YAML"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFile")
    void malformedFile(String name, String fileName, String text, int line, String fragment) throws IOException {
        Path file = write(fileName, text);
        assertAt(fails(file), file, line, fragment);
    }

    /** A main file that includes another: the error names the included file and its line. */
    static Stream<Arguments> errorInAnIncludedFile() {
        return Stream.of(
            Arguments.of("include cycle", "a.conf", "@include b.conf\n", "b.conf", "<match **>\n  @include a.conf\n</match>\n", 2,
                    "include cycle: a.conf -> b.conf -> a.conf"),
            Arguments.of("error in an included file names that file", "main.conf", "@include part.conf\n",
                    "part.conf", "<source>\n  tag \"x\" y\n</source>\n", 2, "expected end of line"),
            Arguments.of("YAML include cycle", "a.yaml", "config:\n  - !include b.yaml\n",
                    "b.yaml", "- source:\n    $type: dummy\n- !include a.yaml\n", 3, "include cycle: a.yaml -> b.yaml -> a.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorInAnIncludedFile")
    void errorInAnIncludedFile(String name, String mainName, String mainText, String includedName, String includedText,
            int line, String fragment) throws IOException {
        Path main = write(mainName, mainText);
        Path included = write(includedName, includedText);
        assertAt(fails(main), included, line, fragment);
    }

    @Test
    void missingTopLevelFile() {
        Path missing = dir.resolve("nope.conf");
        ConfigException e = fails(missing);
        assertEquals(missing.toString(), e.location().file());
        assertTrue(e.detail().contains("no such file"), e.detail());
    }
}
