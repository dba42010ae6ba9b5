package io.floe.parsers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.floe.codec.event.EventTime;
import io.floe.conf.ConfigElement;
import io.floe.conf.Diagnostics;
import io.floe.conf.parse.FluentConfParser;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.helpers.NOPLogger;

/** Builds parsers from {@code <parse>} text with a fixed clock and zone, and collects what they report. */
public final class ParserTestSupport {
    /** The clock of every test: 2026-11-21 04:41:58.296931505 UTC. */
    public static final EventTime NOW = new EventTime(Instant.parse("2026-11-21T04:41:58Z").getEpochSecond(), 296931505);

    private ParserTestSupport() {
    }

    public static ParserEnv env(ZoneId local) {
        return new ParserEnv(local, () -> NOW, NOPLogger.NOP_LOGGER);
    }

    /** A {@code <parse>} section of these lines ({@code "@type json", "time_key t"}), as the config file reads it. */
    public static ConfigElement config(String... lines) {
        String text = "<parse>\n" + String.join("\n", lines) + "\n</parse>\n";
        Diagnostics diag = new Diagnostics();
        ConfigElement root = FluentConfParser.parse(text, "test.conf", Path.of("."), diag);
        return root.children("parse").get(0);
    }

    /** A parser in UTC local time. */
    public static Parser parser(String... lines) {
        return Parsers.create(config(lines), env(ZoneOffset.UTC));
    }

    public static Parser parser(ZoneId local, String... lines) {
        return Parsers.create(config(lines), env(local));
    }

    /** The events a parser reports for a text, null records included. */
    public static List<Parser.Parsed> all(Parser p, String text) {
        List<Parser.Parsed> out = new ArrayList<>();
        p.parse(text, (t, r) -> out.add(new Parser.Parsed(t, r)));
        return out;
    }

    /** The single event of a text; fails when there is not exactly one or it does not match. */
    public static Parser.Parsed one(Parser p, String text) {
        List<Parser.Parsed> all = all(p, text);
        assertEquals(1, all.size(), "events for " + text);
        assertNotNull(all.get(0).record(), "no match for " + text);
        return all.get(0);
    }

    /** Asserts the text is reported as not matching. */
    public static void unmatched(Parser p, String text) {
        List<Parser.Parsed> all = all(p, text);
        assertEquals(1, all.size(), "events for " + text);
        assertNull(all.get(0).record(), "expected no match for " + text + " but got " + all.get(0).record());
    }

    public static EventTime at(String isoInstant) {
        Instant i = Instant.parse(isoInstant);
        return new EventTime(i.getEpochSecond(), i.getNano());
    }

    /** A record in the order its keys are given. */
    public static Map<String, Object> rec(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Asserts the record, key order included. */
    public static void assertRecord(Map<String, Object> expected, Map<String, Object> actual) {
        assertEquals(expected, actual);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()), "key order");
    }
}
