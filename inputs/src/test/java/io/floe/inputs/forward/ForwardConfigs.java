package io.floe.inputs.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.api.config.Binder;
import io.floe.conf.ConfigElement;
import io.floe.conf.Diagnostics;
import io.floe.conf.FluentConfParser;
import java.util.List;

/** ForwardInput configs from real fluent.conf text, bound the way the engine binds them. */
final class ForwardConfigs {
    private ForwardConfigs() {
    }

    /** The {@code <source>} of {@code @type forward} written as fluent.conf lines. */
    static ForwardInput.Config config(String... lines) {
        Binder b = new Binder();
        ForwardInput.Config c = b.bind(ForwardInput.Config.class, source(lines));
        assertEquals(List.of(), b.errors().stream().map(Throwable::getMessage).toList(), "config errors");
        return c;
    }

    static List<String> errors(String... lines) {
        Binder b = new Binder();
        b.bind(ForwardInput.Config.class, source(lines));
        return b.errors().stream().map(Throwable::getMessage).toList();
    }

    private static ConfigElement source(String... lines) {
        String text = "<source>\n  @type forward\n  " + String.join("\n  ", lines) + "\n</source>\n";
        ConfigElement root = FluentConfParser.parse(text, "test.conf", null, new Diagnostics());
        return root.children("source").get(0);
    }
}
