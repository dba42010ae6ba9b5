package io.floe.agent.binder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.config.Param;
import io.floe.conf.ConfigElement;
import io.floe.conf.Diagnostics;
import io.floe.conf.parse.FluentConfParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A value that does not convert is quoted in the error, unless its parameter is secret. */
class BinderSecretTest {
    public record Config(@Param(desc = "a number", dflt = "1") int count,
                         @Param(desc = "a secret number", dflt = "1", secret = true) int pin) {
    }

    @Test
    void aSecretsValueIsNotInTheError() {
        ConfigElement root = FluentConfParser.parse("count many\npin S3cretPin\n", "t.conf", Path.of("."), new Diagnostics());
        Binder b = new Binder();
        b.bind(Config.class, root);
        assertEquals(2, b.errors().size(), b.errors().toString());
        String errors = b.errors().toString();
        assertTrue(errors.contains("invalid value for 'count' in <ROOT>: expected an integer, got 'many'"), errors);
        assertTrue(errors.contains("invalid value for 'pin' in <ROOT>: the value (secret, not shown) is not int"), errors);
        assertFalse(errors.contains("S3cretPin"), errors);
    }
}
