package io.floe.outputs.inject;

import static io.floe.outputs.TestSupport.bind;
import static io.floe.outputs.TestSupport.bindErrors;
import static io.floe.outputs.TestSupport.epoch;
import static io.floe.outputs.TestSupport.rec;
import static io.floe.outputs.TestSupport.stream;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.Chunk;
import io.floe.api.Output;
import io.floe.api.WriteResult;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.codec.event.Records;
import io.floe.codec.msgpack.Packed;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InjectorTest {
    static final long T = epoch("2026-11-21T04:41:58Z");
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    static Injector injector(ZoneId local, String... conf) {
        return Injector.of(bind(InjectConfig.class, conf), local, () -> "node-1");
    }

    /** The records of {@code events} after injecting {@code conf} under tag {@code app.web}. */
    static List<Map<String, Object>> inject(EventStream events, String... conf) throws Exception {
        EventStream out = injector(ZoneOffset.UTC, conf).apply("app.web", events);
        assertEquals(events.count(), out.count());
        List<Map<String, Object>> records = new ArrayList<>();
        out.decode().forEach(e -> records.add(e.record()));
        return records;
    }

    static Map<String, Object> one(EventTime time, Map<String, Object> record, String... conf) throws Exception {
        return inject(stream(time, record), conf).get(0);
    }

    @Test
    void noKeyNamedMeansNoInjectorAndTheOutputItself() {
        assertNull(injector(ZoneOffset.UTC));
        assertNull(injector(ZoneOffset.UTC, "time_type string", "time_format %s", "hostname h"));
        Output out = chunk -> WriteResult.ok();
        assertSame(out, InjectingOutput.wrap(out, null));
    }

    @Test
    void floatIsTheDefaultAndKeepsMicrosecondsTruncated() throws Exception {
        Map<String, Object> r = one(new EventTime(T, 296_931_505), rec("msg", "x"), "time_key time");
        // Fluentd: time.to_r.truncate(6).to_f
        assertEquals(T + 0.296931, (Double) r.get("time"), 0.0);
        assertEquals(1795236118.296931, (Double) r.get("time"), 0.0);
        assertEquals(List.of("msg", "time"), List.copyOf(r.keySet()));
    }

    @Test
    void floatIsTheNearestDoubleOfTheTruncatedMicroseconds() {
        for (int nsec : new int[] {0, 1, 999, 1000, 123_456_789, 999_999_999, 500_000_000}) {
            double expected = new java.math.BigDecimal(T).add(java.math.BigDecimal.valueOf(nsec / 1000, 6)).doubleValue();
            assertEquals(expected, InjectTime.seconds(T, nsec), 0.0, "nsec " + nsec);
        }
        // Before 1970 truncation goes toward zero, as Ruby's Rational#truncate: -1.4999995 -> -1.499999.
        assertEquals(-1.499999, InjectTime.seconds(-2, 500_000_500), 0.0);
    }

    @Test
    void unixtimeIsIntegerSeconds() throws Exception {
        assertEquals(T, one(new EventTime(T, 999_999_999), rec(), "time_key t", "time_type unixtime").get("t"));
    }

    @Test
    void stringIsIso8601InTheLocalZoneByDefault() throws Exception {
        EventStream es = stream(new EventTime(T, 5), rec("a", 1L));
        Injector local = injector(TOKYO, "time_key t", "time_type string");
        assertEquals("2026-11-21T13:41:58+09:00", first(local.apply("x", es)).get("t"));
        Injector utc = injector(TOKYO, "time_key t", "time_type string", "utc true");
        assertEquals("2026-11-21T04:41:58Z", first(utc.apply("x", es)).get("t"));
        Injector notLocal = injector(TOKYO, "time_key t", "time_type string", "localtime false");
        assertEquals("2026-11-21T04:41:58Z", first(notLocal.apply("x", es)).get("t"));
        Injector zone = injector(ZoneOffset.UTC, "time_key t", "time_type string", "timezone -02:00");
        assertEquals("2026-11-21T02:41:58-02:00", first(zone.apply("x", es)).get("t"));
        Injector named = injector(ZoneOffset.UTC, "time_key t", "time_type string", "timezone Asia/Tokyo", "utc true");
        assertEquals("2026-11-21T13:41:58+09:00", first(named.apply("x", es)).get("t"));
    }

    @Test
    void stringWithTimeFormatAndSubseconds() throws Exception {
        assertEquals("21/Nov/2026:04:41:58.296931505 +0000", one(new EventTime(T, 296_931_505), rec(),
                "time_key t", "time_type string", "time_format %d/%b/%Y:%H:%M:%S.%N %z", "utc true").get("t"));
        assertEquals("2026-11-21 04:41:58.296", one(new EventTime(T, 296_931_505), rec(),
                "time_key t", "time_type string", "time_format %Y-%m-%d %H:%M:%S.%L", "localtime false").get("t"));
    }

    @Test
    void tagHostnameAndWorkerIdGoLastInFluentdsOrder() throws Exception {
        Map<String, Object> r = one(new EventTime(T, 0), rec("msg", "x"),
                "time_key time", "time_type unixtime", "tag_key tag", "hostname_key host", "worker_id_key worker");
        assertEquals(List.of("msg", "host", "worker", "tag", "time"), List.copyOf(r.keySet()));
        assertEquals(rec("msg", "x", "host", "node-1", "worker", 0L, "tag", "app.web", "time", T), r);
        assertEquals("db-7", one(new EventTime(T, 0), rec(), "hostname_key h", "hostname db-7").get("h"));
    }

    @Test
    void anExistingKeyKeepsItsPlaceAndGetsTheNewValue() throws Exception {
        Map<String, Object> r = one(new EventTime(T, 0), rec("tag", "old", "msg", "x", "time", rec("nested", 1L), "z", true),
                "time_key time", "time_type unixtime", "tag_key tag", "hostname_key host");
        assertEquals(List.of("tag", "msg", "time", "z", "host"), List.copyOf(r.keySet()));
        assertEquals(rec("tag", "app.web", "msg", "x", "time", T, "z", true, "host", "node-1"), r);
    }

    @Test
    void aKeyNamedTwiceKeepsItsFirstPlaceAndItsLastValue() throws Exception {
        Map<String, Object> r = one(new EventTime(T, 0), rec("a", 1L), "hostname_key k", "tag_key k", "time_key k",
                "time_type unixtime");
        assertEquals(rec("a", 1L, "k", T), r);
    }

    @Test
    void reinjectingSetsTheSameValues() throws Exception {
        // What an output asks to retry has the fields already.
        Injector i = injector(ZoneOffset.UTC, "time_key time", "tag_key tag");
        EventStream once = i.apply("t", stream(new EventTime(T, 7_000), rec("m", "x")));
        EventStream twice = i.apply("t", once);
        assertArrayEquals(once.toByteArray(), twice.toByteArray());
    }

    @Test
    void entriesKeepTheirTimeBytesAndEveryRecordIsInjected() throws Exception {
        // Integer times (Fluentd v0.12, time_as_integer) stay integers; a record of 16+ keys takes a map16 header.
        Map<String, Object> wide = new LinkedHashMap<>();
        for (int k = 0; k < 15; k++) {
            wide.put("k" + k, (long) k);
        }
        byte[] a = Records.encode(rec("n", 1L));
        byte[] b = Records.encode(wide);
        EventStream es = new EventStreamWriter().addWithIntegerTime(T, a, 0, a.length).add(T, 9, b).build();
        EventStream out = injector(ZoneOffset.UTC, "tag_key tag").apply("app", es);
        List<Map<String, Object>> records = new ArrayList<>();
        out.decode().forEach(e -> records.add(e.record()));
        assertEquals(rec("n", 1L, "tag", "app"), records.get(0));
        wide.put("tag", "app");
        assertEquals(wide, records.get(1));
        assertEquals(16, records.get(1).size());
        assertEquals((byte) 0xce, out.array()[out.offset() + 1], "integer time kept");
        assertEquals(new EventTime(T, 9), out.decode().get(1).time());
    }

    @Test
    void longValuesAndUnicodeKeys() throws Exception {
        String tag = "app." + "x".repeat(300);
        Map<String, Object> r = injector(ZoneOffset.UTC, "tag_key clé✓").apply(tag, stream(new EventTime(T, 0), rec("clé✓", "old", "m", "y")))
                .decode().get(0).record();
        assertEquals(rec("clé✓", tag, "m", "y"), r);
    }

    @Test
    void aChunkIsInjectedStreamByStreamAndKeepsItsKeys() throws Exception {
        Injector i = injector(ZoneOffset.UTC, "tag_key tag");
        Chunk c = new Chunk("id1", null, new Chunk.TimeSlice(T, 60, ZoneOffset.UTC), Map.of("k", "v"), List.of(
                new Chunk.Tagged("a", stream(new EventTime(T, 0), rec("m", 1L))),
                new Chunk.Tagged("b", stream(new EventTime(T, 0), rec("m", 2L), rec("m", 3L)))));
        Chunk out = i.apply(c);
        assertEquals(List.of("id1", Map.of("k", "v")), List.of(out.id(), out.variables()));
        assertEquals(c.slice(), out.slice());
        assertEquals(3, out.records());
        assertEquals(rec("m", 3L, "tag", "b"), out.streams().get(1).events().decode().get(1).record());
        assertSame(out.streams().get(0), out.streams().get(0), "injected once");
    }

    @Test
    void theWrappedOutputWritesTheInjectedChunk() throws Exception {
        List<Chunk> written = new ArrayList<>();
        Output out = InjectingOutput.wrap(chunk -> {
            written.add(chunk);
            return WriteResult.ok();
        }, injector(ZoneOffset.UTC, "tag_key tag"));
        out.write(Chunk.of("t", stream(new EventTime(T, 0), rec("m", 1L))));
        assertEquals(rec("m", 1L, "tag", "t"), written.get(0).streams().get(0).events().decode().get(0).record());
    }

    @Test
    void badTimezoneAndTimeTypeAreConfigErrors() {
        assertTrue(bindErrors(InjectConfig.class, "time_key t", "timezone Mars/Olympus").get(0).contains("Mars/Olympus"),
                () -> bindErrors(InjectConfig.class, "time_key t", "timezone Mars/Olympus").toString());
        assertEquals(1, bindErrors(InjectConfig.class, "time_key t", "time_type mixed").size());
    }

    @Test
    void packedIntegersAndStringsMatchMsgpackJava() {
        for (long v : new long[] {0, 1, 127, 128, 255, 256, 65535, 65536, 4294967295L, 4294967296L, Long.MAX_VALUE,
                -1, -32, -33, -128, -129, -32768, -32769, Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, Long.MIN_VALUE}) {
            assertArrayEquals(Packed.of(p -> p.packLong(v)), PackedBuffer.integer(v), "value " + v);
        }
        for (int n : new int[] {0, 31, 32, 255, 256, 65535, 65536}) {
            String s = "é".repeat(n / 2) + "x".repeat(n % 2);
            assertArrayEquals(Packed.of(p -> p.packString(s)), Injector.packString(s), "length " + n);
        }
    }

    static Map<String, Object> first(EventStream es) throws Exception {
        return es.decode().get(0).record();
    }
}
