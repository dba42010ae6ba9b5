package io.floe.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.api.EventRouter;
import io.floe.api.PluginContext;
import io.floe.api.PluginMetrics;
import io.floe.api.config.Binder;
import io.floe.codec.event.Event;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventTime;
import io.floe.conf.ConfigElement;
import io.floe.conf.Diagnostics;
import io.floe.conf.FluentConfParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** Config sections from fluent.conf text, a plugin context that records errors and log lines, and records. */
public final class FilterTestSupport {
    public static final EventTime T = new EventTime(Instant.parse("2026-11-21T04:41:58Z").getEpochSecond(), 296931505);

    private FilterTestSupport() {
    }

    /** The {@code <filter>} section of {@code <filter **> lines </filter>}. */
    public static ConfigElement section(String... lines) {
        String text = "<filter **>\n" + String.join("\n", lines) + "\n</filter>\n";
        return FluentConfParser.parse(text, "test.conf", Path.of("."), new Diagnostics()).children("filter").get(0);
    }

    public static <R extends Record> R bind(Class<R> type, String... lines) {
        Binder b = new Binder();
        R r = b.bind(type, section(lines));
        assertEquals(List.of(), b.errors(), "config errors");
        return r;
    }

    /** An event sent to @ERROR. */
    public record ErrorEvent(String tag, EventTime time, Map<String, Object> record, String reason) {
    }

    /** A context whose @ERROR and log are lists. */
    public static final class Ctx implements PluginContext {
        public final List<ErrorEvent> errors = new ArrayList<>();
        public final List<String> log = new ArrayList<>();
        private final PluginMetrics metrics = new PluginMetrics();

        @Override
        public String id() {
            return "object:1";
        }

        @Override
        public String type() {
            return "test";
        }

        @Override
        public Logger log() {
            return new ListLogger(log);
        }

        @Override
        public Path dataDir() {
            return Path.of("target");
        }

        @Override
        public EventRouter router() {
            throw new UnsupportedOperationException();
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

        @Override
        public PluginMetrics metrics() {
            return metrics;
        }
    }

    /** Collects "LEVEL message" lines. */
    private static final class ListLogger extends AbstractLogger {
        private final transient List<String> lines;

        ListLogger(List<String> lines) {
            this.lines = lines;
            this.name = "test";
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String msg, Object[] args, Throwable t) {
            lines.add(level + " " + MessageFormatter.basicArrayFormat(msg, args));
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isTraceEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled(Marker marker) {
            return true;
        }
    }

    /** A mutable record in the order its keys are given. */
    public static Map<String, Object> rec(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    public static Event event(Map<String, Object> record) {
        return new Event(T, record);
    }

    public static void assertRecord(Map<String, Object> expected, Map<String, Object> actual) {
        assertEquals(expected, actual);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()), "key order");
    }
}
