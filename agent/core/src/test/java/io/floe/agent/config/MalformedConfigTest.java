package io.floe.agent.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.agent.Agent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Configurations the agent must refuse: each error names the file, the line, and what was expected,
 * and nothing starts. Run through {@link Agent#load()}, the same path as {@code --dry-run} and start-up.
 */
class MalformedConfigTest {
    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                bad("unclosed section", "f.conf", "<source>\n  @type sample\n", 1, "not closed"),
                bad("mismatched end tag", "f.conf", "<match **>\n  @type stdout\n</source>\n", 3, "</source>"),
                bad("text after the section tag", "f.conf", "<match **> oops\n  @type stdout\n</match>\n", 1, ""),
                bad("bad size", "f.conf", "<match **>\n  @type stdout\n  <buffer>\n    chunk_limit_size 8q\n  </buffer>\n</match>\n", 4, "is not a size"),
                bad("bad time", "f.conf", "<match **>\n  @type stdout\n  <buffer>\n    flush_interval soon\n  </buffer>\n</match>\n", 4, "is not a time"),
                bad("bad integer", "f.conf", "<source>\n  @type sample\n  rate lots\n</source>\n", 3, "expected an integer, got 'lots'"),
                bad("bad bool", "f.conf", "<match **>\n  @type file\n  path /tmp/x\n  append maybe\n</match>\n", 4, "expected true or false"),
                bad("bad enum", "f.conf", "<match **>\n  @type stdout\n  <buffer>\n    overflow_action explode\n  </buffer>\n</match>\n", 4, "is not one of throw_exception, block, drop_oldest_chunk"),
                bad("unknown output @type", "f.conf", "<match **>\n  @type elastcsearch\n</match>\n", 1, "Unknown output plugin 'elastcsearch'"),
                bad("unknown input @type", "f.conf", "<source>\n  @type foward\n</source>\n", 1, "Unknown input plugin 'foward'"),
                bad("unknown filter @type", "f.conf", "<filter **>\n  @type grepp\n</filter>\n", 1, "Unknown filter plugin 'grepp'"),
                bad("missing @type", "f.conf", "<match **>\n  path /tmp/x\n</match>\n", 1, "'@type' parameter is required"),
                bad("missing required parameter", "f.conf", "<match **>\n  @type file\n</match>\n", 1, "'path' parameter is required"),
                bad("duplicate @id", "f.conf", "<source>\n  @type sample\n  @id x\n</source>\n<match **>\n  @type stdout\n  @id x\n</match>\n", 7, "Duplicated plugin id `x`"),
                bad("code in #{}", "f.conf", "<source>\n  @type sample\n  tag \"#{Socket.gethostname}\"\n</source>\n", 3, "embedded code"),
                bad("ENV.fetch of a missing variable", "f.conf", "<source>\n  @type sample\n  tag \"#{ENV.fetch('FLOE_SURELY_UNSET_VAR')}\"\n</source>\n", 3, "FLOE_SURELY_UNSET_VAR"),
                bad("source inside match", "f.conf", "<match **>\n  @type stdout\n  <source>\n    @type sample\n  </source>\n</match>\n", 3, "<source> is not allowed inside <match>"),
                bad("match inside source", "f.conf", "<source>\n  @type sample\n  <match **>\n    @type stdout\n  </match>\n</source>\n", 3, "<match> is not allowed inside <source>"),
                bad("source inside label", "f.conf", "<label @X>\n  <source>\n    @type sample\n  </source>\n</label>\n", 2, "not allowed inside <label>"),
                bad("unknown top-level section", "f.conf", "<sorce>\n  @type sample\n</sorce>\n", 1, "unknown section <sorce>"),
                bad("undefined @label", "f.conf", "<source>\n  @type sample\n  @label @NOPE\n</source>\n", 3, "@label @NOPE is not defined"),
                bad("label name without @", "f.conf", "<label oops>\n  <match **>\n    @type stdout\n  </match>\n</label>\n", 1, "must start with '@'"),
                bad("time chunk key without timekey", "f.conf", "<match **>\n  @type stdout\n  <buffer time>\n  </buffer>\n</match>\n", 3, "no timekey"),
                bad("copy without store", "f.conf", "<match **>\n  @type copy\n</match>\n", 1, "needs at least one <store>"),
                bad("ignore_if_prev_success on the first store", "f.conf",
                        "<match **>\n  @type copy\n  <store ignore_if_prev_success>\n    @type stdout\n  </store>\n</match>\n", 3,
                        "ignore_if_prev_success must not be set on the first <store>"),
                bad("relabel to an undefined label", "f.conf", "<match **>\n  @type relabel\n  @label @NOPE\n</match>\n", 3, "@label @NOPE is not defined"),
                bad("copy as a secondary", "f.conf",
                        "<match **>\n  @type file\n  path /tmp/x\n  <secondary>\n    @type copy\n  </secondary>\n</match>\n", 4,
                        "cannot be a <secondary>"),
                bad("unterminated string", "f.conf", "<source>\n  @type sample\n  tag \"abc\n</source>\n", 3, "double quoted string"),
                bad("incomplete JSON", "f.conf", "<source>\n  @type sample\n  sample [{\"a\":1}\n</source>\n", 3, "JSON"),
                bad("invalid sample JSON value", "f.conf", "<source>\n  @type sample\n  sample \"not json\"\n</source>\n", 1, "'sample' is not valid JSON"),
                bad("unterminated match regex", "f.conf", "<match /abc>\n  @type stdout\n</match>\n", 1, "must end with '/'"),
                bad("two buffers", "f.conf", "<match **>\n  @type stdout\n  <buffer>\n  </buffer>\n  <buffer>\n  </buffer>\n</match>\n", 5, "only one <buffer>"),
                bad("bad YAML", "f.yaml", "config:\n  - source:\n      $type: sample\n     tag: x\n", 4, ""),
                bad("YAML unknown plugin", "f.yaml", "config:\n  - source:\n      $type: sample\n  - match:\n      $tag: '**'\n      $type: stdoot\n", 4, "Unknown output plugin 'stdoot'"));
    }

    private static Arguments bad(String what, String file, String text, int line, String fragment) {
        return Arguments.of(what, file, text, line, fragment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithFileAndLine(String what, String file, String text, int line, String fragment) throws Exception {
        Path conf = dir.resolve(file);
        Files.writeString(conf, text);
        Agent agent = new Agent(conf, dir, PluginRegistry.fromClassPath());
        ConfigErrors e = assertThrows(ConfigErrors.class, agent::load);
        String expectedAt = conf + ":" + line + ":";
        assertTrue(e.getMessage().contains(expectedAt), what + ": expected an error at " + expectedAt + " but got:\n" + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), what + ": expected '" + fragment + "' in:\n" + e.getMessage());
    }
}
