package io.floe.filters.record_transformer;

import static io.floe.filters.FilterTestSupport.T;
import static io.floe.filters.FilterTestSupport.assertRecord;
import static io.floe.filters.FilterTestSupport.rec;
import static io.floe.filters.FilterTestSupport.bind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.codec.event.Event;
import io.floe.codec.event.EventTime;
import io.floe.filters.FilterTestSupport.Ctx;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class RecordTransformerFilterTest {
    private final Ctx ctx = new Ctx();

    /** The config the real Binder binds from these lines, {@code <record>} included. */
    public static RecordTransformerFilter.Config configOf(String... lines) {
        return config(lines);
    }

    static RecordTransformerFilter.Config config(String... lines) {
        return bind(RecordTransformerFilter.Config.class, lines);
    }

    private RecordTransformerFilter filter(ZoneId zone, String... lines) {
        return new RecordTransformerFilter(config(lines), ctx, "node-1", zone);
    }

    private RecordTransformerFilter filter(String... lines) {
        return filter(ZoneOffset.UTC, lines);
    }

    private static Event run(RecordTransformerFilter f, String tag, Map<String, Object> record) {
        Event e = new Event(T, record);
        assertTrue(f.filter(tag, e));
        return e;
    }

    @Test
    void fluentdDocumentationExampleMessage() {
        Event e = run(filter("<record>", "message yay, ${record[\"message\"]}", "</record>"), "foo.bar", rec("message", "hello world!"));
        assertRecord(rec("message", "yay, hello world!"), e.record());
    }

    @Test
    void tagPlaceholders() {
        RecordTransformerFilter f = filter("<record>", "tag ${tag}", "tag_extract ${tag_parts[0]}-${tag_parts[-1]}",
                "prefix ${tag_prefix[1]}", "suffix ${tag_suffix[-2]}", "out_of_range x${tag_parts[5]}y", "</record>");
        assertRecord(rec("k", 1L, "tag", "web.prod.app", "tag_extract", "web-app", "prefix", "web.prod", "suffix", "prod.app",
                "out_of_range", "xy"), run(f, "web.prod.app", rec("k", 1L)).record());
        assertRecord(rec("k", 2L, "tag", "one", "tag_extract", "one-one", "prefix", null, "suffix", null, "out_of_range", "xy"),
                run(f, "one", rec("k", 2L)).record());
    }

    @Test
    void hostnameAndTimeAsRubyPrintsIt() {
        RecordTransformerFilter f = filter(ZoneId.of("Asia/Tokyo"), "<record>", "host ${hostname}", "at ${time}", "</record>");
        assertRecord(rec("host", "node-1", "at", "2026-11-21 13:41:58 +0900"), run(f, "t", rec()).record());
    }

    @Test
    void autoTypecastKeepsTheTypeOfASinglePlaceholder() {
        String[] record = {"<record>", "count ${record[\"n\"]}", "text n=${record[\"n\"]}", "map ${record[\"m\"]}",
                "missing ${record[\"nope\"]}", "</record>"};
        Map<String, Object> in = rec("n", 5L, "m", rec("a", 1L));
        assertRecord(rec("n", 5L, "m", rec("a", 1L), "count", 5L, "text", "n=5", "map", rec("a", 1L), "missing", null),
                run(filter(record), "t", new LinkedHashMap<>(in)).record());
        String[] off = new String[record.length + 1];
        off[0] = "auto_typecast false";
        System.arraycopy(record, 0, off, 1, record.length);
        assertRecord(rec("n", 5L, "m", rec("a", 1L), "count", "5", "text", "n=5", "map", "{\"a\"=>1}", "missing", ""),
                run(filter(off), "t", new LinkedHashMap<>(in)).record());
    }

    @Test
    void nestedRecordAccessWorksWithoutRuby() {
        RecordTransformerFilter f = filter("<record>", "app ${record[\"kubernetes\"][\"labels\"][\"app\"]}",
                "first ${record['items'][0]}-${record['items'][-1]}", "none ${record[\"kubernetes\"][\"nope\"][\"x\"]}", "</record>");
        Event e = run(f, "t", rec("kubernetes", rec("labels", rec("app", "web")), "items", List.of("a", "b")));
        assertEquals("web", e.record().get("app"));
        assertEquals("a-b", e.record().get("first"));
        assertEquals(null, e.record().get("none"));
    }

    @Test
    void valuesAreComputedFromTheIncomingRecord() {
        Event e = run(filter("<record>", "a ${record[\"b\"]}", "b ${record[\"a\"]}", "</record>"), "t", rec("a", "1", "b", "2"));
        assertRecord(rec("a", "2", "b", "1"), e.record());
    }

    @Test
    void jsonValuesWithPlaceholdersInside() {
        RecordTransformerFilter f = filter("<record>", "meta {\"tag\":\"${tag}\",\"n\":[1,\"${tag_parts[1]}\",null],\"${tag_parts[0]}\":true}",
                "broken \"{not json ${tag}}\"", "</record>");
        Event e = run(f, "a.b", rec());
        assertRecord(rec("meta", rec("tag", "a.b", "n", java.util.Arrays.asList(1L, "b", null), "a", true), "broken", "{not json a.b}"),
                e.record());
        assertTrue(ctx.log.formatted().stream().anyMatch(l -> l.startsWith("WARN failed to parse {not json ${tag}} as json")), ctx.log.formatted().toString());
    }

    @Test
    void unknownPlaceholdersBecomeNothingWithAWarning() {
        RecordTransformerFilter f = filter("<record>", "a x${foo}y", "b __HOSTNAME__", "c ${record[\"k\"] }", "</record>");
        assertRecord(rec("a", "xy", "b", null, "c", null), run(f, "t", rec()).record());
        assertEquals(List.of("WARN unknown placeholder `${foo}` found; Fluentd and Floe replace it with nothing",
                "WARN unknown placeholder `${record[\"k\"] }` found; Fluentd and Floe replace it with nothing",
                "WARN unknown placeholder `__HOSTNAME__` found; Fluentd and Floe replace it with nothing"), ctx.log.formatted());
    }

    @Test
    void renewRecordKeepKeysAndRemoveKeys() {
        RecordTransformerFilter f = filter("renew_record true", "keep_keys a,absent,b", "remove_keys b,$.c.d", "<record>",
                "c {\"d\":1,\"e\":2}", "</record>");
        Event e = run(f, "t", rec("a", 1L, "b", 2L, "z", 3L));
        assertRecord(rec("a", 1L, "c", rec("e", 2L)), e.record());
        RecordTransformerFilter remove = filter("remove_keys $.kubernetes.pod_id,message");
        assertRecord(rec("kubernetes", rec("ns", "x")), run(remove, "t", rec("message", "m", "kubernetes", rec("pod_id", "p", "ns", "x"))).record());
    }

    @Test
    void renewTimeKeySetsTheEventTimeBeforeRemoveKeys() {
        RecordTransformerFilter f = filter("renew_time_key ts", "remove_keys ts");
        Event e = run(f, "t", rec("ts", "1362020400.5", "k", "v"));
        assertEquals(new EventTime(1362020400, 500000000), e.time());
        assertRecord(rec("k", "v"), e.record());
        Event untouched = run(f, "t", rec("k", "v"));
        assertEquals(T, untouched.time());
        assertEquals(new EventTime(1362020400, 0), run(filter("renew_time_key ts"), "t", rec("ts", 1362020400L)).time());
    }

    @Test
    void enableRubyIsAConfigErrorThatPointsToTheAlternatives() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> filter("enable_ruby true", "<record>", "avg ${record[\"total\"] / record[\"count\"]}", "</record>"));
        assertTrue(e.getMessage().startsWith("enable_ruby is not supported: Floe does not evaluate Ruby."), e.getMessage());
        assertTrue(e.getMessage().contains("${record[\"a\"][\"b\"]}"));
        assertEquals("`renew_record` must be true to use `keep_keys`",
                assertThrows(IllegalArgumentException.class, () -> filter("keep_keys a")).getMessage());
    }

    @Test
    void theSameTagSplitIsReusedAndCountersCountPasses() {
        RecordTransformerFilter f = filter("<record>", "t ${tag_parts[1]}", "</record>");
        assertEquals("b", run(f, "a.b", rec()).record().get("t"));
        assertEquals("y", run(f, "x.y", rec()).record().get("t"));
        assertEquals("b", run(f, "a.b", rec()).record().get("t"));
    }

    @Test
    void aFailingEventGoesToErrorAndIsDropped() {
        RecordTransformerFilter f = filter("renew_time_key ts");
        Event e = new Event(T, rec("ts", Double.NaN));
        assertFalse(f.filter("t", e));
        assertEquals(1, ctx.errors.size());
    }

    @Test
    void rubyTimeAtOfAFloat() {
        assertEquals(new EventTime(1700000000, 123456716), RecordTransformerFilter.epoch(1700000000.123456789));
        assertEquals(new EventTime(-2, 500000000), RecordTransformerFilter.epoch(-1.5));
    }
}
