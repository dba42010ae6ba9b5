package io.floe.filters.parser;

import static io.floe.filters.FilterTestSupport.T;
import static io.floe.filters.FilterTestSupport.assertRecord;
import static io.floe.filters.FilterTestSupport.bind;
import static io.floe.filters.FilterTestSupport.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.codec.event.Event;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.codec.event.MsgpackRecord;
import io.floe.codec.event.Records;
import io.floe.filters.FilterTestSupport.Ctx;
import io.floe.filters.FilterTestSupport.ErrorEvent;
import io.floe.parsers.ParserEnv;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

class ParserFilterTest {
    private static final EventTime NOW = new EventTime(1_800_000_000L, 5);
    private static final String JSON_LOG = "{\"user\":1,\"num\":2}";
    private final Ctx ctx = new Ctx();

    private ParserFilter filter(String... lines) {
        return new ParserFilter(bind(ParserFilter.Config.class, lines), ctx, new ParserEnv(ZoneOffset.UTC, () -> NOW, NOPLogger.NOP_LOGGER));
    }

    private static String[] json(String... more) {
        String[] base = {"@type parser", "key_name log", "<parse>", "@type json", "</parse>"};
        String[] out = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }

    @Test
    void fluentdDocumentationExample() {
        ParserFilter f = filter("key_name log", "<parse>", "@type regexp",
                "expression /^(?<host>[^ ]*) [^ ]* (?<user>[^ ]*) \\[(?<time>[^\\]]*)\\] \"(?<method>\\S+)(?: +(?<path>[^ ]*) +\\S*)?\" (?<code>[^ ]*) (?<size>[^ ]*)$/",
                "time_format %d/%b/%Y:%H:%M:%S %z", "</parse>");
        Event e = new Event(T, rec("key", "value", "log", "192.168.0.1 - - [05/Feb/2018:12:00:00 +0900] \"GET / HTTP/1.1\" 200 777"));
        assertTrue(f.filter("t", e));
        assertEquals(new EventTime(Instant.parse("2018-02-05T03:00:00Z").getEpochSecond(), 0), e.time());
        assertRecord(rec("host", "192.168.0.1", "user", "-", "method", "GET", "path", "/", "code", "200", "size", "777"), e.record());
    }

    @Test
    void reserveDataKeepsTheOriginalFields() {
        Event e = new Event(T, rec("key", "value", "log", JSON_LOG));
        assertTrue(filter(json("reserve_data true")).filter("t", e));
        assertRecord(rec("key", "value", "log", JSON_LOG, "user", 1L, "num", 2L), e.record());
    }

    @Test
    void reserveTimeAndRemoveKeyNameField() {
        Event e = new Event(T, rec("key", "value", "log", "{\"user\":1,\"num\":2,\"time\":1362020400}"));
        assertTrue(filter(json("reserve_data true", "reserve_time true", "remove_key_name_field true")).filter("t", e));
        assertEquals(T, e.time());
        assertRecord(rec("key", "value", "user", 1L, "num", 2L), e.record());
    }

    @Test
    void theParsedTimeOrTheCurrentTimeReplacesTheEventTime() {
        Event timed = new Event(T, rec("log", "{\"time\":1362020400,\"a\":1}"));
        assertTrue(filter(json()).filter("t", timed));
        assertEquals(new EventTime(1362020400, 0), timed.time());
        Event untimed = new Event(T, rec("log", "{\"a\":1}"));
        assertTrue(filter(json()).filter("t", untimed));
        assertEquals(NOW, untimed.time());
        Event kept = new Event(T, rec("log", "{\"a\":1}"));
        assertTrue(filter("key_name log", "<parse>", "@type json", "estimate_current_event false", "</parse>").filter("t", kept));
        assertEquals(T, kept.time());
    }

    @Test
    void injectKeyPrefixAndHashValueField() {
        Event prefixed = new Event(T, rec("log", JSON_LOG));
        assertTrue(filter(json("inject_key_prefix data.")).filter("t", prefixed));
        assertRecord(rec("data.user", 1L, "data.num", 2L), prefixed.record());
        Event hashed = new Event(T, rec("log", JSON_LOG));
        assertTrue(filter(json("hash_value_field parsed")).filter("t", hashed));
        assertRecord(rec("parsed", rec("user", 1L, "num", 2L)), hashed.record());
    }

    @Test
    void nestedKeyName() {
        Event e = new Event(T, rec("kubernetes", rec("labels", "x"), "docker", rec("log", "{\"a\":1}")));
        assertTrue(filter("key_name $.docker.log", "reserve_data true", "remove_key_name_field true", "<parse>", "@type json", "</parse>")
                .filter("t", e));
        assertRecord(rec("kubernetes", rec("labels", "x"), "docker", rec(), "a", 1L), e.record());
    }

    @Test
    void missingFieldGoesToErrorAndIsDropped() {
        Event e = new Event(T, rec("message", "x"));
        assertFalse(filter(json()).filter("app", e));
        assertEquals(List.of(new ErrorEvent("app", T, rec("message", "x"), "log does not exist")), ctx.errors);
    }

    @Test
    void unmatchedTextGoesToErrorAndIsDroppedOrWithReserveDataPassesUnparsed() {
        assertFalse(filter(json()).filter("app", new Event(T, rec("log", "not json"))));
        assertEquals("pattern not match with data 'not json'", ctx.errors.get(0).reason());
        Event kept = new Event(T, rec("log", "not json", "k", "v"));
        assertTrue(filter(json("reserve_data true")).filter("app", kept));
        assertRecord(rec("log", "not json", "k", "v"), kept.record());
        assertEquals(T, kept.time());
        assertEquals(2, ctx.errors.size());
        Event hashed = new Event(T, rec("log", "not json"));
        assertTrue(filter(json("reserve_data true", "hash_value_field parsed")).filter("app", hashed));
        assertRecord(rec("log", "not json", "parsed", rec()), hashed.record());
    }

    @Test
    void withoutEmitInvalidRecordToErrorBadRecordsAreDroppedQuietly() {
        assertFalse(filter(json("emit_invalid_record_to_error false")).filter("app", new Event(T, rec("log", "not json"))));
        assertFalse(filter(json("emit_invalid_record_to_error false")).filter("app", new Event(T, rec("other", 1L))));
        assertEquals(List.of(), ctx.errors);
        assertEquals(2, ctx.metrics().numErrors.sum(), "counted all the same");
    }

    /** A record as the filter chain gives it: the field read as bytes from msgpack, with the same outcome. */
    @Test
    void aFieldStillInMsgpackIsParsedFromItsBytes() throws Exception {
        Event e = new Event(T, msgpack(rec("key", "value", "log", JSON_LOG)));
        assertTrue(filter(json("reserve_data true", "remove_key_name_field true")).filter("t", e));
        assertRecord(rec("key", "value", "user", 1L, "num", 2L), new LinkedHashMap<>(e.record()));
        Event bad = new Event(T, msgpack(rec("log", "not json")));
        assertFalse(filter(json()).filter("app", bad));
        assertEquals("pattern not match with data 'not json'", ctx.errors.get(0).reason());
        // Invalid UTF-8 reads as U+FFFD, as the String would: still valid JSON.
        byte[] latin1 = "{\"name\":\"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Event replaced = new Event(T, msgpackWithRawLog(latin1));
        assertTrue(filter(json()).filter("app", replaced));
        assertRecord(rec("name", "caf\ufffd"), new LinkedHashMap<>(replaced.record()));
        assertEquals(1, ctx.metrics().numErrors.sum());
    }

    private static MsgpackRecord msgpack(Map<String, Object> r) throws Exception {
        byte[] b = Records.encode(r);
        return first(new EventStreamWriter().add(1, 0, b).build());
    }

    private static MsgpackRecord msgpackWithRawLog(byte[] log) throws Exception {
        try (org.msgpack.core.MessageBufferPacker p = org.msgpack.core.MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(1).packString("log").packRawStringHeader(log.length);
            p.writePayload(log);
            return first(new EventStreamWriter().add(1, 0, p.toByteArray()).build());
        }
    }

    private static MsgpackRecord first(EventStream s) throws Exception {
        List<MsgpackRecord> out = new ArrayList<>();
        s.forEachRecord((sec, ns, r, b, off, len) -> out.add(r));
        return out.get(0);
    }

    @Test
    void aBadTimeIsAnErrorAndDroppedEvenWithReserveData() {
        ParserFilter f = filter("key_name log", "reserve_data true", "<parse>", "@type regexp", "expression /^(?<time>\\S+) (?<msg>.*)$/",
                "time_format %Y-%m-%d", "</parse>");
        Map<String, Object> original = rec("log", "yesterday hello");
        assertFalse(f.filter("app", new Event(T, original)));
        ErrorEvent err = ctx.errors.get(0);
        assertEquals(rec("log", "yesterday hello"), err.record());
        assertTrue(err.reason().startsWith("invalid time format: value = yesterday"), err.reason());
    }

    @Test
    void aValueThatIsNotAStringIsAParseFailure() {
        assertFalse(filter(json()).filter("app", new Event(T, rec("log", 12L))));
        assertEquals("parse failed no implicit conversion of Integer into String", ctx.errors.get(0).reason());
    }

    @Test
    void malformedCsvIsAParseFailure() {
        assertFalse(filter("key_name log", "<parse>", "@type csv", "keys a,b", "</parse>").filter("app", new Event(T, rec("log", "a\"b,c"))));
        assertEquals("parse failed Illegal quoting in line 1.", ctx.errors.get(0).reason());
    }

    @Test
    void onlyTheFirstRecordOfAJsonArray() {
        Event e = new Event(T, rec("log", "[{\"a\":1},{\"a\":2}]"));
        assertTrue(filter(json()).filter("t", e));
        assertRecord(rec("a", 1L), e.record());
    }

    @Test
    void configErrors() {
        assertEquals("'@type' parameter is required in <parse>",
                assertThrows(IllegalArgumentException.class, () -> filter("key_name log")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> filter("key_name $.a[", "<parse>", "@type json", "</parse>"));
        assertThrows(IllegalArgumentException.class, () -> filter("key_name log", "<parse>", "@type regexp", "</parse>"));
    }

    @Test
    void theSameRecordMapIsUpdatedInPlaceWithReserveData() {
        Map<String, Object> r = rec("log", JSON_LOG);
        Event e = new Event(T, r);
        assertTrue(filter(json("reserve_data true")).filter("t", e));
        assertSame(r, e.record());
    }
}
