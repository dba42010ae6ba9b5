package io.floe.outputs.elasticsearch;

import static io.floe.outputs.TestSupport.bind;
import static io.floe.outputs.TestSupport.bindErrors;
import static io.floe.outputs.TestSupport.epoch;
import static io.floe.outputs.TestSupport.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.Chunk;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.codec.event.Records;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** The exact NDJSON the plugin sends, line by line, for the settings users write. */
class BulkBodyEncoderTest {
    static final long T = epoch("2026-11-21T04:47:43Z");
    static final String CHUNK_ID = "0123456789abcdef0123456789abcdef";
    static final Map<String, Object> WEB = rec("log", "GET / 200", "container_name", "/web");

    static BulkBodyEncoder encoder(ZoneId local, String... conf) {
        return new BulkBodyEncoder(ElasticsearchOutput.encoderSettings(bind(ElasticsearchOutput.Config.class, conf), local));
    }

    static Chunk chunk(String tag, EventStream events) {
        return new Chunk(CHUNK_ID, tag, null, Map.of(), List.of(new Chunk.Tagged(tag, events)));
    }

    @SafeVarargs
    static EventStream events(EventTime t, Map<String, ?>... records) {
        EventStreamWriter w = new EventStreamWriter();
        for (Map<String, ?> r : records) {
            w.add(t, r);
        }
        return w.build();
    }

    static List<String> lines(BulkBodyEncoder e, Chunk c) throws Exception {
        BulkBodyEncoder.Encoded enc = e.encode(c);
        assertEquals(1, enc.bulks().size());
        ByteSink b = enc.bulks().get(0).body();
        String s = new String(b.array(), 0, b.size(), StandardCharsets.UTF_8);
        assertTrue(s.endsWith("\n"), s);
        return List.of(s.split("\n"));
    }

    static List<String> lines(String tag, Map<String, ?> record, String... conf) throws Exception {
        return lines(encoder(ZoneOffset.UTC, conf), chunk(tag, events(new EventTime(T, 0), record)));
    }

    @Test
    void seedConfigGivesWhatFluentdSent() throws Exception {
        assertEquals(List.of(
                "{\"index\":{\"_index\":\"fluentd-20261121\"}}",
                "{\"log\":\"GET / 200\",\"container_name\":\"/web\",\"@timestamp\":\"2026-11-21T04:47:43.000000000+00:00\","
                        + "\"@log_name\":\"docker.web\"}"),
                lines("docker.web", WEB, "host elasticsearch", "port 9200", "user elastic", "password 1234",
                        "logstash_format true", "logstash_prefix fluentd", "logstash_dateformat %Y%m%d",
                        "include_tag_key true", "type_name container_log", "tag_key @log_name",
                        "reconnect_on_error true", "reload_on_failure true", "reload_connections false"));
    }

    @Test
    void legacyTypoLeavesTheDefaultDateFormat() throws Exception {
        // logstash_dataformat is unknown (the engine warns), so %Y.%m.%d applies, as with Fluentd.
        assertEquals("{\"index\":{\"_index\":\"docker-2026.11.21\"}}", lines("docker.app", WEB, "logstash_format true",
                "logstash_prefix docker", "logstash_dataformat %Y%m%d", "include_tag_key true", "type_name app",
                "tag_key @log_name").get(0));
    }

    @Test
    void defaultsIndexIntoFluentdWithoutAddingFields() throws Exception {
        assertEquals(List.of("{\"index\":{\"_index\":\"fluentd\"}}", "{\"log\":\"GET / 200\",\"container_name\":\"/web\"}"),
                lines("docker.web", WEB));
    }

    @Test
    void indexDateComesFromTheEventTimeInUtcUnlessUtcIndexFalse() throws Exception {
        long lastSecond = epoch("2026-11-21T23:59:59Z");
        EventStreamWriter w = new EventStreamWriter();
        w.add(new EventTime(lastSecond, 999_999_999), WEB).add(new EventTime(lastSecond + 1, 0), WEB);
        List<String> utc = lines(encoder(ZoneId.of("Asia/Tokyo"), "logstash_format true"), chunk("t", w.build()));
        assertEquals("{\"index\":{\"_index\":\"logstash-2026.11.21\"}}", utc.get(0));
        // @timestamp is written in the process's zone, as Ruby's Time.at; the index name uses UTC.
        assertEquals("{\"log\":\"GET / 200\",\"container_name\":\"/web\",\"@timestamp\":\"2026-11-22T08:59:59.999999999+09:00\"}",
                utc.get(1));
        assertEquals("{\"index\":{\"_index\":\"logstash-2026.11.22\"}}", utc.get(2));

        w.add(new EventTime(lastSecond - 9 * 3600, 0), WEB);
        List<String> local = lines(encoder(ZoneId.of("Asia/Tokyo"), "logstash_format true", "utc_index false"),
                chunk("t", w.build()));
        assertEquals("{\"index\":{\"_index\":\"logstash-2026.11.21\"}}", local.get(0), "14:59:59Z is 23:59:59 in Tokyo");
    }

    @Test
    void recordTimestampIsKeptAndNamesTheIndex() throws Exception {
        Map<String, Object> r = rec("@timestamp", "2026-01-02T03:04:05.5+09:00", "msg", "x");
        List<String> l = lines("t", r, "logstash_format true");
        assertEquals("{\"index\":{\"_index\":\"logstash-2026.01.01\"}}", l.get(0));
        assertEquals("{\"@timestamp\":\"2026-01-02T03:04:05.5+09:00\",\"msg\":\"x\"}", l.get(1));
        assertEquals("{\"index\":{\"_index\":\"logstash-2026.01.02\"}}", lines("t", r, "logstash_format true",
                "utc_index false").get(0));
        // Unreadable: the event time names the index, the value is left alone.
        assertEquals("{\"index\":{\"_index\":\"logstash-2026.11.21\"}}", lines("t", rec("@timestamp", "yesterday"),
                "logstash_format true").get(0));
    }

    @Test
    void timeKeyWithFormatGivesTimestampAndIndex() throws Exception {
        Map<String, Object> r = rec("ts", "21/Nov/2026:23:10:00 -0200", "msg", "x");
        List<String> l = lines("t", r, "logstash_format true", "time_key ts", "time_key_format %d/%b/%Y:%H:%M:%S %z",
                "time_precision 3");
        assertEquals("{\"index\":{\"_index\":\"logstash-2026.11.22\"}}", l.get(0));
        assertEquals("{\"ts\":\"21/Nov/2026:23:10:00 -0200\",\"msg\":\"x\",\"@timestamp\":\"2026-11-21T23:10:00.000-02:00\"}",
                l.get(1));
        assertEquals("{\"ts\":\"21/Nov/2026:23:10:00 -0200\",\"msg\":\"x\"}", lines("t", r, "logstash_format true",
                "time_key ts", "time_key_format %d/%b/%Y:%H:%M:%S %z", "time_key_exclude_timestamp true").get(1));
        assertEquals("{\"ts\":1700000000.25,\"@timestamp\":\"2023-11-14T22:13:20.250+00:00\"}",
                lines("t", rec("ts", 1700000000.25), "include_timestamp true", "time_key ts", "time_precision 3").get(1));
    }

    @Test
    void includeTimestampWithoutLogstashAndPrecision() throws Exception {
        assertEquals(List.of("{\"index\":{\"_index\":\"fluentd\"}}", "{\"a\":1,\"@timestamp\":\"2026-11-21T04:47:43+00:00\"}"),
                lines("t", rec("a", 1L), "include_timestamp true", "time_precision 0"));
    }

    @Test
    void tagKeyIsReplacedInPlace() throws Exception {
        assertEquals("{\"tag\":\"app.web\",\"a\":1}", lines("app.web", rec("tag", "old", "a", 1L), "include_tag_key true").get(1));
    }

    @Test
    void idKeyAndWriteOperations() throws Exception {
        Map<String, Object> r = rec("request_id", "r-1", "n", 5L);
        assertEquals(List.of("{\"index\":{\"_index\":\"fluentd\",\"_id\":\"r-1\"}}", "{\"request_id\":\"r-1\",\"n\":5}"),
                lines("t", r, "id_key request_id"));
        assertEquals("{\"create\":{\"_index\":\"fluentd\",\"_id\":\"r-1\"}}",
                lines("t", r, "id_key request_id", "write_operation create").get(0));
        assertEquals(List.of("{\"update\":{\"_index\":\"fluentd\",\"_id\":\"r-1\"}}", "{\"doc\":{\"request_id\":\"r-1\",\"n\":5}}"),
                lines("t", r, "id_key request_id", "write_operation update"));
        assertEquals(List.of("{\"update\":{\"_index\":\"fluentd\",\"_id\":\"r-1\"}}",
                "{\"doc\":{\"request_id\":\"r-1\",\"n\":5},\"doc_as_upsert\":true}"),
                lines("t", r, "id_key request_id", "write_operation upsert"));
        assertEquals("{\"index\":{\"_index\":\"fluentd\",\"_id\":\"42\"}}", lines("t", rec("id", 42L), "id_key id").get(0));
    }

    @Test
    void updateWithoutIdAndRecordsThatAreNotMapsAreRejectedBeforeSending() throws Exception {
        EventStreamWriter w = new EventStreamWriter();
        w.add(T, 0, Records.encode(rec("request_id", "r-1")));
        w.add(T, 0, Records.encode(rec("other", 1L)));
        w.add(T, 0, new byte[] {(byte) 0xa3, 'a', 'b', 'c'});   // the string "abc"
        BulkBodyEncoder.Encoded enc = encoder(ZoneOffset.UTC, "id_key request_id", "write_operation update")
                .encode(chunk("t", w.build()));
        assertEquals(1, enc.items());
        assertEquals(2, enc.invalid().size());
        assertEquals(List.of("Missing '_id' field. Write operation is update", "record is not a map"), enc.invalidReasons());
        assertTrue(bindErrors(ElasticsearchOutput.Config.class, "write_operation update").stream()
                .anyMatch(m -> m.contains("write_operation update needs id_key (or id_generation deterministic)")));
    }

    @Test
    void targetIndexKeyIsTakenOutOfTheRecordAndLowerCased() throws Exception {
        assertEquals(List.of("{\"index\":{\"_index\":\"app-logs\"}}",
                "{\"msg\":\"x\",\"@timestamp\":\"2026-11-21T04:47:43.000000000+00:00\"}"),
                lines("t", rec("idx", "App-Logs", "msg", "x"), "target_index_key idx", "logstash_format true"));
        assertEquals(List.of("{\"index\":{\"_index\":\"k8s-default\"}}", "{\"kubernetes\":{\"ns\":\"default\"},\"msg\":\"x\"}"),
                lines("t", rec("kubernetes", rec("index", "k8s-default", "ns", "default"), "msg", "x"),
                        "target_index_key kubernetes.index"));
        assertEquals("{\"index\":{\"_index\":\"fallback\"}}", lines("t", rec("msg", "x"), "target_index_key idx",
                "index_name Fallback").get(0));
    }

    @Test
    void nestedValuesAndUtf8AreCopiedExactly() throws Exception {
        Map<String, Object> r = rec("msg", "日本語 ✓ \"quoted\"\ttab\u0001", "n", -12L, "f", 1.5, "ok", true, "none", null,
                "list", List.of(1L, "two", rec("three", 3L)), "map", rec("inner", rec("deep", "é")));
        assertEquals("{\"msg\":\"日本語 ✓ \\\"quoted\\\"\\ttab\\u0001\",\"n\":-12,\"f\":1.5,\"ok\":true,\"none\":null,"
                + "\"list\":[1,\"two\",{\"three\":3}],\"map\":{\"inner\":{\"deep\":\"é\"}}}", lines("t", r).get(1));
    }

    @Test
    void indexNamePlaceholdersComeFromTheChunk() throws Exception {
        assertEquals("{\"index\":{\"_index\":\"fluentd.docker.web\"}}", lines("docker.web", WEB, "index_name fluentd.${tag}").get(0));
        assertEquals("{\"index\":{\"_index\":\"app-web-2026.11.21\"}}", lines("docker.web", WEB, "logstash_format true",
                "logstash_prefix app-${tag[1]}").get(0));
    }

    @Test
    void deterministicIdsAreStablePerChunkAndCountAndUseCreate() throws Exception {
        BulkBodyEncoder e = encoder(ZoneOffset.UTC, "id_generation deterministic");
        Chunk two = chunk("t", events(new EventTime(T, 0), WEB, WEB));
        List<String> first = lines(e, two);
        assertEquals(first, lines(e, two), "the same chunk gets the same ids");
        assertTrue(first.get(0).startsWith("{\"create\":{\"_index\":\"fluentd\",\"_id\":\""), first.get(0));
        assertNotEquals(first.get(0), first.get(2), "positions differ");
        // A remainder of that chunk (same id, fewer events) must not reuse the ids of events already written.
        List<String> remainder = lines(e, chunk("t", events(new EventTime(T, 0), WEB)));
        assertNotEquals(first.get(0), remainder.get(0));
        assertEquals("{\"index\":{\"_index\":\"fluentd\",\"_id\":\"own\"}}", lines("t", rec("k", "own"),
                "id_generation deterministic", "write_operation index", "id_key k").get(0));
    }

    @Test
    void largeChunksAreSplitAtTheThreshold() throws Exception {
        EventStreamWriter w = new EventStreamWriter();
        for (int i = 0; i < 100; i++) {
            w.add(new EventTime(T, 0), rec("i", (long) i, "pad", "x".repeat(80)));
        }
        Chunk c = chunk("t", w.build());
        BulkBodyEncoder.Encoded enc = encoder(ZoneOffset.UTC, "bulk_message_request_threshold 1k").encode(c);
        assertTrue(enc.bulks().size() > 5, "bulks: " + enc.bulks().size());
        assertEquals(100, enc.items());
        for (BulkBodyEncoder.Bulk b : enc.bulks()) {
            assertTrue(b.body().size() <= 1024, "size " + b.body().size());
        }
        assertEquals(1, encoder(ZoneOffset.UTC, "bulk_message_request_threshold -1").encode(c).bulks().size());
    }

    static List<String> linesOf(String tag, byte[] msgpackRecord, String... conf) throws Exception {
        EventStreamWriter w = new EventStreamWriter();
        w.add(T, 0, msgpackRecord);
        return lines(encoder(ZoneOffset.UTC, conf), chunk(tag, w.build()));
    }

    @Test
    void indexNamesAndIdsAreJsonEscapedInTheActionLine() throws Exception {
        assertEquals("{\"index\":{\"_index\":\"a\\\"b\\\\c\\td\",\"_id\":\"x\\u001fy\\\"\"}}",
                lines("t", rec("idx", "A\"B\\C\tD", "id", "x\u001fy\""), "target_index_key idx", "id_key id").get(0));
    }

    @Test
    void invalidUtf8InARecordIsReplacedSoTheBodyStaysValidJson() throws Exception {
        byte[] bad = {'o', 'k', (byte) 0xff, (byte) 0xe2, (byte) 0x82};
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(1).packString("log").packRawStringHeader(bad.length).writePayload(bad);
            assertEquals("{\"log\":\"ok\uFFFD\uFFFD\"}", linesOf("t", p.toByteArray()).get(1));
        }
    }

    @Test
    void keysThatAreNotStringsAreMatchedAndWrittenByTheirPrintedForm() throws Exception {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(3).packInt(42).packString("r-9").packBoolean(true).packInt(1).packNil().packString("n");
            assertEquals(List.of("{\"index\":{\"_index\":\"fluentd\",\"_id\":\"r-9\"}}", "{\"42\":\"r-9\",\"true\":1,\"null\":\"n\"}"),
                    linesOf("t", p.toByteArray(), "id_key 42"));
        }
    }

    @Test
    void aTargetIndexValueThatCannotNameAnIndexIsLeftInTheRecord() throws Exception {
        assertEquals(List.of("{\"index\":{\"_index\":\"fluentd\"}}", "{\"idx\":{\"a\":1},\"msg\":\"x\"}"),
                lines("t", rec("idx", rec("a", 1L), "msg", "x"), "target_index_key idx"));
        assertEquals(List.of("{\"index\":{\"_index\":\"fluentd\"}}", "{\"k\":{\"index\":null,\"ns\":\"d\"}}"),
                lines("t", rec("k", rec("index", null, "ns", "d")), "target_index_key k.index"));
        // Removing the only field leaves an empty object, and a later field needs no leading comma.
        assertEquals("{\"k\":{},\"msg\":\"x\"}", lines("t", rec("k", rec("index", "i"), "msg", "x"),
                "target_index_key k.index").get(1));
        assertEquals("{\"msg\":\"x\"}", lines("t", rec("idx", "i", "msg", "x"), "target_index_key idx").get(1));
        assertEquals("{\"k\":\"flat\"}", lines("t", rec("k", "flat"), "target_index_key k.index").get(1));
    }

    @Test
    void textOutsideTheBmpIsWrittenAsUtf8AsFluentdWritesIt() throws Exception {
        assertEquals("{\"msg\":\"smile 😀\",\"tag\":\"app.😀\"}",
                lines("app.😀", rec("msg", "smile 😀"), "include_tag_key true").get(1));
    }
}
