package io.floe.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.agent.binder.Binder;
import io.floe.conf.ConfigElement;
import io.floe.conf.Diagnostics;
import io.floe.conf.parse.FluentConfParser;
import java.util.List;

/** Input configs from real fluent.conf text: the {@code <source>} of one {@code @type}, bound as the engine binds it. */
public final class Sources {
    private Sources() {
    }

    /** The config of a {@code <source>} of {@code @type type} written as these lines; a config error fails the test. */
    public static <R extends Record> R bind(Class<R> config, String type, String... lines) {
        Binder b = new Binder();
        R c = b.bind(config, source(type, lines));
        assertEquals(List.of(), messages(b), "config errors");
        return c;
    }

    /** The error messages binding such a source gives, for config-error tests. */
    public static List<String> errors(Class<? extends Record> config, String type, String... lines) {
        Binder b = new Binder();
        b.bind(config, source(type, lines));
        return messages(b);
    }

    private static List<String> messages(Binder b) {
        return b.errors().stream().map(Throwable::getMessage).toList();
    }

    private static ConfigElement source(String type, String... lines) {
        String text = "<source>\n  @type " + type + "\n  " + String.join("\n  ", lines) + "\n</source>\n";
        ConfigElement root = FluentConfParser.parse(text, "test.conf", null, new Diagnostics());
        return root.children("source").get(0);
    }
}
