package io.floe.agent.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.api.Filter;
import io.floe.api.PluginMetrics;
import io.floe.codec.event.Event;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.filters.grep.GrepFilter;
import io.floe.filters.parser.ParserFilter;
import io.floe.filters.record_transformer.RecordTransformerFilter;
import io.floe.parsers.ParserEnv;
import io.floe.testkit.FakeContext;
import io.floe.testkit.Sections;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

/**
 * The Kubernetes-style chain the benchmark runs (parser on a JSON log, grep, record_transformer) through the
 * engine's own FilterChain: one decode, every filter on the Event in place, one encode of the survivors.
 */
class FilterChainTest {
    private static final EventTime T = new EventTime(Instant.parse("2026-11-21T04:41:58Z").getEpochSecond(), 296931505);

    /** What the filters reported to @ERROR: their reasons, in order. */
    private final List<String> errors = new ArrayList<>();
    private final FakeContext ctx = new FakeContext("object:1", "test") {
        @Override
        public void emitError(String tag, EventStream events, String reason) {
            errors.add(reason);
        }
    };

    @Test
    void parserGrepRecordTransformer() throws Exception {
        List<Filter> filters = List.of(
                new ParserFilter(bind(ParserFilter.Config.class, "key_name log", "reserve_data true", "remove_key_name_field true",
                        "<parse>", "@type json", "time_key ts", "time_type float", "</parse>"), ctx,
                        new ParserEnv(ZoneOffset.UTC, () -> T, NOPLogger.NOP_LOGGER)),
                new GrepFilter(bind(GrepFilter.Config.class, "<exclude>", "key level", "pattern /^debug$/i", "</exclude>"), ctx),
                new RecordTransformerFilter(bind(RecordTransformerFilter.Config.class, "remove_keys stream", "<record>",
                        "service ${tag_parts[1]}", "summary ${record[\"level\"]}: ${record[\"msg\"]}", "</record>"), ctx));
        List<FilterUnit> units = new ArrayList<>();
        for (Filter f : filters) {
            units.add(new FilterUnit("object:" + units.size(), MatchPattern.parse("**"), f, new PluginMetrics()));
        }
        FilterChain chain = new FilterChain(units, (tag, events, reason) -> {
            throw new AssertionError("no filter throws here: " + reason);
        });
        EventStreamWriter in = new EventStreamWriter();
        in.add(T, rec("log", "{\"ts\":1362020400.25,\"level\":\"INFO\",\"msg\":\"started\"}", "stream", "stdout"));
        in.add(T, rec("log", "{\"level\":\"DEBUG\",\"msg\":\"noise\"}", "stream", "stdout"));
        in.add(T, rec("log", "plain text", "stream", "stderr"));
        in.add(T, rec("stream", "stdout"));
        EventStream out = chain.apply("kube.api.pod", in.build());

        List<Event> events = out.decode();
        assertEquals(3, events.size());
        assertEquals(new EventTime(1362020400, 250000000), events.get(0).time());
        assertRecord(rec("level", "INFO", "msg", "started", "service", "api", "summary", "INFO: started"), events.get(0).record());
        // reserve_data keeps the unparsable line and the one without log, after reporting them to @ERROR.
        assertEquals(T, events.get(1).time());
        assertRecord(rec("log", "plain text", "service", "api", "summary", ": "), events.get(1).record());
        assertRecord(rec("service", "api", "summary", ": "), events.get(2).record());
        assertEquals(List.of("pattern not match with data 'plain text'", "log does not exist"), errors);
    }

    /** A filter's config from the lines of its {@code <filter **>} section, bound by the real Binder. */
    private static <R extends Record> R bind(Class<R> type, String... lines) {
        return Sections.bind(type, Sections.of("filter", "**", lines));
    }

    private static Map<String, Object> rec(Object... kv) {
        return Sections.record(kv);
    }

    private static void assertRecord(Map<String, Object> expected, Map<String, Object> actual) {
        assertEquals(expected, actual);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()), "key order");
    }
}
