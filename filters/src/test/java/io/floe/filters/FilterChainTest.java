package io.floe.filters;

import static io.floe.filters.FilterTestSupport.T;
import static io.floe.filters.FilterTestSupport.assertRecord;
import static io.floe.filters.FilterTestSupport.bind;
import static io.floe.filters.FilterTestSupport.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.api.Filter;
import io.floe.codec.event.Event;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.filters.FilterTestSupport.Ctx;
import io.floe.filters.grep.GrepFilter;
import io.floe.filters.parser.ParserFilter;
import io.floe.filters.record_transformer.RecordTransformerFilter;
import io.floe.filters.record_transformer.RecordTransformerFilterTest;
import io.floe.parsers.ParserEnv;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

/**
 * The Kubernetes-style chain the benchmark runs (parser on a JSON log, grep, record_transformer), driven as the
 * engine's FilterChain drives it: one decode, every filter on the Event in place, one encode of the survivors.
 */
class FilterChainTest {
    private final Ctx ctx = new Ctx();

    @Test
    void parserGrepRecordTransformer() throws Exception {
        List<Filter> chain = List.of(
                new ParserFilter(bind(ParserFilter.Config.class, "key_name log", "reserve_data true", "remove_key_name_field true",
                        "<parse>", "@type json", "time_key ts", "time_type float", "</parse>"), ctx,
                        new ParserEnv(ZoneOffset.UTC, () -> T, NOPLogger.NOP_LOGGER)),
                new GrepFilter(bind(GrepFilter.Config.class, "<exclude>", "key level", "pattern /^debug$/i", "</exclude>"), ctx),
                RecordTransformerFilterTestAccess.filter(ctx, "remove_keys stream", "<record>", "service ${tag_parts[1]}",
                        "summary ${record[\"level\"]}: ${record[\"msg\"]}", "</record>"));
        EventStreamWriter in = new EventStreamWriter();
        in.add(T, rec("log", "{\"ts\":1362020400.25,\"level\":\"INFO\",\"msg\":\"started\"}", "stream", "stdout"));
        in.add(T, rec("log", "{\"level\":\"DEBUG\",\"msg\":\"noise\"}", "stream", "stdout"));
        in.add(T, rec("log", "plain text", "stream", "stderr"));
        in.add(T, rec("stream", "stdout"));
        EventStream out = apply("kube.api.pod", in.build(), chain);

        List<Event> events = out.decode();
        assertEquals(3, events.size());
        assertEquals(new EventTime(1362020400, 250000000), events.get(0).time());
        assertRecord(rec("level", "INFO", "msg", "started", "service", "api", "summary", "INFO: started"), events.get(0).record());
        // reserve_data keeps the unparsable line and the one without log, after reporting them to @ERROR.
        assertEquals(T, events.get(1).time());
        assertRecord(rec("log", "plain text", "service", "api", "summary", ": "), events.get(1).record());
        assertRecord(rec("service", "api", "summary", ": "), events.get(2).record());
        assertEquals(List.of("pattern not match with data 'plain text'", "log does not exist"),
                ctx.errors.stream().map(FilterTestSupport.ErrorEvent::reason).toList());
    }

    private static EventStream apply(String tag, EventStream in, List<Filter> chain) throws Exception {
        EventStreamWriter out = new EventStreamWriter();
        for (Event e : in.decode()) {
            boolean keep = true;
            for (Filter f : chain) {
                if (!f.filter(tag, e)) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                out.add(e);
            }
        }
        return out.build();
    }

    /** Reaches the record_transformer test's config helper (the Binder cannot bind <record> yet). */
    static final class RecordTransformerFilterTestAccess {
        static RecordTransformerFilter filter(Ctx ctx, String... lines) {
            return new RecordTransformerFilter(RecordTransformerFilterTest.configOf(lines), ctx);
        }
    }
}
