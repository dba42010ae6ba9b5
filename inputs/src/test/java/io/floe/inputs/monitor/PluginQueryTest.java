package io.floe.inputs.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PluginQueryTest {
    @Test
    void includeConfigAndRetryAreTheDefaultsThatTheQueryOverrides() {
        PluginQuery none = PluginQuery.parse(null, true, false);
        assertTrue(none.withConfig());
        assertFalse(none.withRetry());
        PluginQuery q = PluginQuery.parse("with_config=false&with_retry=yes", true, false);
        assertFalse(q.withConfig());
        assertTrue(q.withRetry());
    }

    @Test
    void keysAndValuesAreUrlDecodedAndTheFirstOfARepeatedKeyWins() {
        PluginQuery q = PluginQuery.parse("%40id=out%20a&@id=other;tag=app.web", true, true);
        assertEquals("out a", q.params().get("@id"));
        assertEquals("app.web", q.params().get("tag"));
    }

    @Test
    void debugNeedsOnlyToBePresent() {
        assertTrue(PluginQuery.parse("debug", true, true).debug());
        assertTrue(PluginQuery.parse("debug=1", true, true).debug());
        assertFalse(PluginQuery.parse("with_config=true", true, true).debug());
    }
}
