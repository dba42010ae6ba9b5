package io.floe.conf.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.conf.ConfigException;
import io.floe.conf.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Only environment lookups are recognised inside #{...}; nothing is ever evaluated. */
class EmbeddedCodeTest {
    private static final Location AT = new Location("e.conf", 3);

    @Test
    void environmentForms() {
        Map<String, String> env = Map.of("A", "1");
        assertEquals("1", EmbeddedCode.evaluate("ENV['A']", AT, env::get));
        assertEquals("1", EmbeddedCode.evaluate("ENV[\"A\"]", AT, env::get));
        assertEquals("", EmbeddedCode.evaluate("ENV['B']", AT, env::get));
        assertEquals("1", EmbeddedCode.evaluate("ENV.fetch('A')", AT, env::get));
        assertEquals("dflt", EmbeddedCode.evaluate("ENV.fetch(\"B\", 'dflt')", AT, env::get));
        assertEquals("", EmbeddedCode.evaluate("ENV.fetch('B', '')", AT, env::get));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Socket.gethostname", "hostname", "worker_id", "1+1", "`id`", "system('id')",
        "ENV['A'] + 'x'", "ENV['A'].upcase", "ENV.fetch('B') { 'x' }", "ENV.fetch('B', ENV['A'])",
        "ENV.fetch('B', \"#{x}\")", "ENV[\"A\\\"]\"]", "File.read('/etc/passwd')", ""})
    void everythingElseIsRefusedWithoutRunningIt(String code) {
        List<String> asked = new ArrayList<>();
        ConfigException e = assertThrows(ConfigException.class, () -> EmbeddedCode.evaluate(code, AT, name -> {
            asked.add(name);
            return null;
        }));
        assertEquals(AT, e.location());
        assertTrue(e.detail().startsWith("embedded code '#{" + code + "}' is not supported"), e.detail());
        assertTrue(asked.isEmpty(), "nothing may be looked up for refused code");
    }

    @Test
    void fetchWithoutDefaultNamesTheVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> EmbeddedCode.evaluate("ENV.fetch('ES_PASSWORD')", AT, name -> null));
        assertTrue(e.detail().contains("'ES_PASSWORD'"), e.detail());
        assertEquals(AT, e.location());
    }
}
