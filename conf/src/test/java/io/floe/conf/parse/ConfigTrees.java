package io.floe.conf.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test helpers: tree equality that ignores where things were written and how they were quoted. */
final class ConfigTrees {
    private ConfigTrees() {
    }

    /** Same names, args, parameter texts and children (in order) all the way down. */
    static void assertSameTree(ConfigElement expected, ConfigElement actual) {
        List<String> diffs = new ArrayList<>();
        compare(expected, actual, "", diffs);
        if (!diffs.isEmpty()) {
            fail("trees differ:\n  " + String.join("\n  ", diffs) + "\nexpected:\n" + expected + "actual:\n" + actual);
        }
    }

    private static void compare(ConfigElement e, ConfigElement a, String path, List<String> diffs) {
        String here = path + "/" + e.name() + (e.arg().isEmpty() ? "" : "[" + e.arg() + "]");
        if (!e.name().equals(a.name()) || !e.arg().equals(a.arg())) {
            diffs.add(here + ": got <" + a.name() + " " + a.arg() + ">");
            return;
        }
        Map<String, String> ep = texts(e);
        Map<String, String> ap = texts(a);
        if (!ep.equals(ap)) {
            diffs.add(here + ": params " + ap + " instead of " + ep);
        }
        if (e.children().size() != a.children().size()) {
            diffs.add(here + ": " + a.children().size() + " children instead of " + e.children().size());
            return;
        }
        for (int i = 0; i < e.children().size(); i++) {
            compare(e.children().get(i), a.children().get(i), here, diffs);
        }
    }

    private static Map<String, String> texts(ConfigElement e) {
        Map<String, String> m = new TreeMap<>();
        e.params().forEach((k, v) -> m.put(k, v.text()));
        return m;
    }

    /** Asserts a parameter's text and the line it was written on. */
    static void assertParam(ConfigElement e, String key, String text, int line) {
        ConfigValue v = e.peek(key);
        assertNotNull(v, "missing parameter '" + key + "' in <" + e.name() + ">");
        assertEquals(text, v.text(), "text of " + key);
        assertEquals(line, v.location().line(), "line of " + key);
    }

    /** A parameter as a test expects it: its text and the line it was written on. */
    record Param(String key, String text, int line) {
    }

    static Param param(String key, String text, int line) {
        return new Param(key, text, line);
    }

    /** Asserts that a section has exactly these parameters, each with its text and line. */
    static void assertParams(ConfigElement e, Param... expected) {
        assertEquals(expected.length, e.params().size(), "parameters of <" + e.name() + ">: " + e.params().keySet());
        for (Param p : expected) {
            assertParam(e, p.key(), p.text(), p.line());
        }
    }

    /** Asserts a section's name, arg and line. */
    static void assertSection(ConfigElement e, String name, String arg, int line) {
        assertEquals(name, e.name());
        assertEquals(arg, e.arg(), "arg of <" + name + ">");
        assertEquals(line, e.location().line(), "line of <" + name + ">");
    }
}
