package io.floe.testkit;

import io.floe.agent.binder.Binder;
import io.floe.conf.ConfigElement;
import io.floe.conf.Diagnostics;
import io.floe.conf.parse.FluentConfParser;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Plugin config sections parsed from fluent.conf lines and bound by the real Binder, and records to feed them. */
public final class Sections {
    private Sections() {
    }

    /** The {@code <name arg>} section made of these lines, as the real parser reads it. */
    public static ConfigElement of(String name, String arg, String... lines) {
        String text = "<" + name + " " + arg + ">\n" + String.join("\n", lines) + "\n</" + name + ">\n";
        return FluentConfParser.parse(text, "test.conf", Path.of("."), new Diagnostics()).children(name).get(0);
    }

    /** {@code section} bound to {@code type}; a config error fails the test. */
    public static <R extends Record> R bind(Class<R> type, ConfigElement section) {
        Binder b = new Binder();
        R r = b.bind(type, section);
        if (!b.errors().isEmpty()) {
            throw new AssertionError("config errors: " + b.errors());
        }
        return r;
    }

    /** A mutable record in the order its keys are given: {@code record("a", 1, "b", "x")}. */
    public static Map<String, Object> record(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
