package io.floe.conf.parse;

import static io.floe.conf.parse.ConfigTrees.assertSameTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.conf.ConfigElement;
import io.floe.conf.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader picks the syntax from the file name, as Fluentd does. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void choosesYamlForYamlAndYmlAndFluentConfOtherwise() throws Exception {
        String conf = "<source>\n  @type forward\n  port \"#{ENV['PORT']}\"\n</source>\n";
        String yaml = "config:\n  - source:\n      $type: forward\n      port: !fluent/s \"#{ENV['PORT']}\"\n";
        Map<String, String> env = Map.of("PORT", "24224");
        ConfigElement expected = ConfigLoader.load(Files.writeString(dir.resolve("fluent.conf"), conf), new Diagnostics(), env::get);
        assertEquals("24224", expected.children().get(0).peek("port").text());
        for (String name : new String[] {"fluent.yaml", "fluent.yml", "FLUENT.YAML"}) {
            Path p = Files.writeString(dir.resolve(name), yaml);
            assertSameTree(expected, ConfigLoader.load(p, new Diagnostics(), env::get));
        }
        // any other name is fluent.conf syntax (td-agent.conf, fluentd.conf, no extension)
        assertSameTree(expected, ConfigLoader.load(Files.writeString(dir.resolve("td-agent"), conf), new Diagnostics(), env::get));
    }

    @Test
    void isYaml() {
        assertTrue(ConfigLoader.isYaml(Path.of("/etc/fluent/fluent.yaml")));
        assertTrue(ConfigLoader.isYaml(Path.of("a.yml")));
        assertFalse(ConfigLoader.isYaml(Path.of("fluent.conf")));
        assertFalse(ConfigLoader.isYaml(Path.of("yaml")));
    }

    @Test
    void defaultEnvironmentIsTheProcessEnvironment() throws Exception {
        String someVar = System.getenv().keySet().stream().filter(k -> k.matches("[A-Z_]+")).findFirst().orElse("PATH");
        Path p = Files.writeString(dir.resolve("env.conf"), "v \"#{ENV['" + someVar + "']}\"\n");
        assertEquals(System.getenv(someVar), ConfigLoader.load(p, new Diagnostics()).peek("v").text());
    }
}
