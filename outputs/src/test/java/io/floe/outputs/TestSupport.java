package io.floe.outputs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.agent.binder.Binder;
import io.floe.api.Chunk;
import io.floe.api.Output;
import io.floe.api.PluginContext;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigValue;
import io.floe.conf.Location;
import io.floe.outputs.inject.InjectConfig;
import io.floe.outputs.inject.InjectingOutput;
import io.floe.outputs.inject.Injector;
import io.floe.testkit.FakeContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds config sections, events and chunks for the output tests. */
public final class TestSupport {
    private TestSupport() {
    }

    /**
     * A {@code <match>} section from fluent.conf-like lines: {@code key value}, {@code <name arg>} and
     * {@code </name>}. Values are taken verbatim (no quoting), which is all these tests need.
     */
    public static ConfigElement conf(String... lines) {
        ConfigElement root = new ConfigElement("match", "**", new Location("test.conf", 1));
        Deque<ConfigElement> open = new ArrayDeque<>();
        open.push(root);
        int n = 1;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            Location at = new Location("test.conf", n);
            if (line.startsWith("</")) {
                open.pop();
            } else if (line.startsWith("<")) {
                String inner = line.substring(1, line.length() - 1).strip();
                int sp = inner.indexOf(' ');
                ConfigElement child = new ConfigElement(sp < 0 ? inner : inner.substring(0, sp),
                        sp < 0 ? "" : inner.substring(sp + 1).strip(), at);
                open.peek().add(child);
                open.push(child);
            } else if (!line.isEmpty()) {
                int sp = line.indexOf(' ');
                String key = sp < 0 ? line : line.substring(0, sp);
                String value = sp < 0 ? "" : line.substring(sp + 1);
                open.peek().put(key, ConfigValue.bare(value, at));
            }
        }
        return root;
    }

    public static <R extends Record> R bind(Class<R> type, String... lines) {
        Binder b = new Binder();
        R r = b.bind(type, conf(lines));
        assertEquals(List.of(), b.errors(), "config errors");
        return r;
    }

    /** The error messages binding gives, for config-error tests. */
    public static List<String> bindErrors(Class<? extends Record> type, String... lines) {
        Binder b = new Binder();
        b.bind(type, conf(lines));
        return b.errors().stream().map(Throwable::getMessage).toList();
    }

    /** A loopback port nothing listens on (it was free a moment ago): a server that is down. */
    public static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public static PluginContext ctx() {
        return new FakeContext("object:1", "test");
    }

    /** A record in the order its keys are given: {@code rec("a", 1, "b", "x")}. */
    public static Map<String, Object> rec(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    public static long epoch(String isoInstant) {
        return Instant.parse(isoInstant).getEpochSecond();
    }

    public static EventStream stream(EventTime time, Map<String, ?>... records) {
        EventStreamWriter w = new EventStreamWriter();
        for (Map<String, ?> r : records) {
            w.add(time, r);
        }
        return w.build();
    }

    /** A chunk of one tag keyed by tag and time, the slice starting at {@code sliceStart}. */
    public static Chunk chunk(String tag, long sliceStart, long timekey, ZoneId zone, EventStream events) {
        return new Chunk("0123456789abcdef0123456789abcdef", tag, new Chunk.TimeSlice(sliceStart, timekey, zone),
                Map.of(), List.of(new Chunk.Tagged(tag, events)));
    }

    /** A chunk keyed by time only (out_file's default): the tag is not a chunk key. */
    public static Chunk timeChunk(long sliceStart, long timekey, ZoneId zone, Chunk.Tagged... streams) {
        return new Chunk("0123456789abcdef0123456789abcdef", null, new Chunk.TimeSlice(sliceStart, timekey, zone),
                Map.of(), List.of(streams));
    }

    /** {@code output} behind the {@code <inject>} section {@code lines}, as the engine wraps it; the host is "node-1". */
    public static Output injecting(Output output, ZoneId local, String... lines) {
        return InjectingOutput.wrap(output, Injector.of(bind(InjectConfig.class, lines), local, () -> "node-1"));
    }
}
