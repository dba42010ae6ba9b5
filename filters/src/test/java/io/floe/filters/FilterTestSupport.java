package io.floe.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.codec.event.Event;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventTime;
import io.floe.conf.ConfigElement;
import io.floe.testkit.FakeContext;
import io.floe.testkit.RecordingLogger;
import io.floe.testkit.Sections;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Config sections from fluent.conf text, a plugin context that records errors, and records. */
public final class FilterTestSupport {
    public static final EventTime T = new EventTime(Instant.parse("2026-11-21T04:41:58Z").getEpochSecond(), 296931505);

    private FilterTestSupport() {
    }

    /** The {@code <filter>} section of {@code <filter **> lines </filter>}. */
    public static ConfigElement section(String... lines) {
        return Sections.of("filter", "**", lines);
    }

    public static <R extends Record> R bind(Class<R> type, String... lines) {
        return Sections.bind(type, section(lines));
    }

    /** An event sent to @ERROR. */
    public record ErrorEvent(String tag, EventTime time, Map<String, Object> record, String reason) {
    }

    /** A context whose @ERROR is a list and whose log keeps its lines. */
    public static final class Ctx extends FakeContext {
        public final List<ErrorEvent> errors = new ArrayList<>();

        public Ctx() {
            super("object:1", "test", new RecordingLogger("test"));
        }

        @Override
        public void emitError(String tag, EventStream events, String reason) {
            try {
                for (Event e : events.decode()) {
                    errors.add(new ErrorEvent(tag, e.time(), e.record(), reason));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A mutable record in the order its keys are given. */
    public static Map<String, Object> rec(Object... kv) {
        return Sections.record(kv);
    }

    public static Event event(Map<String, Object> record) {
        return new Event(T, record);
    }

    public static void assertRecord(Map<String, Object> expected, Map<String, Object> actual) {
        assertEquals(expected, actual);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()), "key order");
    }
}
