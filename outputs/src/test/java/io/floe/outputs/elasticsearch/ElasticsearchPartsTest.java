package io.floe.outputs.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.api.UnrecoverableException;
import io.floe.codec.event.JsonBytes;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.apache.http.HttpHost;
import org.junit.jupiter.api.Test;

/** The small pure parts: hosts, ids, times, response reading and how each item status is taken. */
class ElasticsearchPartsTest {

    @Test
    void hostsAcceptHostPortListsAndUrls() {
        HostPool single = HostPool.of("es.local", 9201, null, "https", "/es/", null, null);
        assertEquals(List.of(new HttpHost("es.local", 9201, "https")), single.hosts());
        assertEquals("/es", single.pathPrefix());
        HostPool many = HostPool.of("ignored", 9200, "h1:9201, h2 ,https://u:p%40ss@h3:9443/proxy/,[::1]:9205", "http",
                null, null, null);
        assertEquals(List.of(new HttpHost("h1", 9201, "http"), new HttpHost("h2", 9200, "http"),
                new HttpHost("h3", 9443, "https"), new HttpHost("::1", 9205, "http")), many.hosts());
        assertEquals("/proxy", many.pathPrefix());
        assertEquals("u", many.user());
        assertEquals("p@ss", many.password());
        assertEquals("HostPool[http://h1:9201/proxy,http://h2:9200/proxy,https://h3:9443/proxy,http://[::1]:9205/proxy, user u]",
                many.toString(), "never the password");
        HostPool explicit = HostPool.of("x", 9200, "https://u:p@h3:9443", "http", null, "elastic", "1234");
        assertEquals("elastic", explicit.user());
        assertEquals("1234", explicit.password());
        assertThrows(IllegalArgumentException.class, () -> HostPool.of("x", 9200, null, "ftp", null, null, null));
    }

    @Test
    void responseItemsAreReadInOrderWithTheirErrors() throws Exception {
        String body = "{\"errors\":true,\"items\":[{\"index\":{\"status\":201}},{\"create\":{\"status\":409,\"error\":{"
                + "\"type\":\"version_conflict_engine_exception\",\"reason\":\"exists\"}}},{\"index\":{\"status\":400,\"error\":{"
                + "\"type\":\"document_parsing_exception\",\"reason\":\"bad n\",\"caused_by\":{\"type\":\"illegal_argument_exception\","
                + "\"reason\":\"NaN\"}}}},{\"update\":{\"status\":429,\"error\":\"rejected\"}}]}";
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(new BulkResponseParser.Item(201, null, null),
                new BulkResponseParser.Item(409, "version_conflict_engine_exception", "exists"),
                new BulkResponseParser.Item(400, "document_parsing_exception", "bad n (caused by illegal_argument_exception: NaN)"),
                new BulkResponseParser.Item(429, null, "rejected")), BulkResponseParser.parse(b, 0, b.length));
        byte[] ok = "{\"errors\":false}".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(), BulkResponseParser.parse(ok, 0, ok.length));
    }

    @Test
    void itemStatusesAreWrittenRetriedOrRejected() {
        var create = BulkBodyEncoder.Op.CREATE;
        var index = BulkBodyEncoder.Op.INDEX;
        assertEquals(BulkOutcome.Kind.WRITTEN, BulkOutcome.classify(201, index));
        assertEquals(BulkOutcome.Kind.WRITTEN, BulkOutcome.classify(409, create));
        assertEquals(BulkOutcome.Kind.RETRY, BulkOutcome.classify(409, index));
        for (int s : new int[] {429, 500, 502, 503, 504, 408, 0}) {
            assertEquals(BulkOutcome.Kind.RETRY, BulkOutcome.classify(s, index), "status " + s);
        }
        for (int s : new int[] {400, 403, 404, 413}) {
            assertEquals(BulkOutcome.Kind.REJECT, BulkOutcome.classify(s, index), "status " + s);
        }
    }

    @Test
    void aResponseWithTheWrongNumberOfItemsIsUnrecoverable() {
        BulkItems items = new BulkItems();
        items.add(0, 0, 0, 0, 1, 0);
        BulkOutcome o = new BulkOutcome(EsTestSupport.chunk("c", "t", EsTestSupport.numbered(0, 1)), BulkBodyEncoder.Op.INDEX, -1);
        UnrecoverableException e = assertThrows(UnrecoverableException.class, () -> o.response(items, List.of()));
        assertEquals("The number of records submitted 1 do not match the number returned 0. Unable to process bulk response.",
                e.getMessage());
    }

    @Test
    void deterministicIdsDependOnChunkCountAndPosition() {
        String chunk = "0123456789abcdef0123456789abcdef";
        DocumentIds ids = new DocumentIds(chunk, 1000);
        assertEquals(ids.id(7), new DocumentIds(chunk, 1000).id(7));
        assertNotEquals(ids.id(7), ids.id(8));
        assertNotEquals(ids.id(0), new DocumentIds(chunk, 999).id(0));
        assertNotEquals(ids.id(0), new DocumentIds("fedcba9876543210fedcba9876543210", 1000).id(0));
        assertEquals(26, ids.id(0).length(), ids.id(0));   // 16 id bytes, 2 for the count, 1 for the position
        assertEquals(16, DocumentIds.chunkIdBytes("not-hex").length);
    }

    @Test
    void timesAreWrittenAsRubyIso8601AndReadLeniently() {
        EsTime t9 = new EsTime(9, null);
        assertEquals("2026-11-21T04:47:43.000000005+00:00", t9.format(1795236463L, 5, ZoneOffset.UTC));
        assertEquals("2026-11-21T13:47:43.123+09:00", new EsTime(3, null).format(1795236463L, 123_999_999,
                ZoneOffset.ofHours(9)));
        assertEquals(new EsTime.At(1795236463L, 500_000_000, ZoneOffset.ofHours(-2)), t9.parse("2026-11-21T02:47:43.5-02:00"));
        assertEquals(new EsTime.At(1795236463L, 0, ZoneOffset.UTC), t9.parse("2026-11-21 04:47:43"));
        assertEquals(new EsTime.At(1795236463L, 0, ZoneOffset.UTC), t9.parse("2026-11-21T04:47:43Z"));
        assertEquals(new EsTime.At(1795236463L, 0, ZoneOffset.UTC), t9.parse(1795236463L));
        assertNull(t9.parse("not a time"));
        assertEquals(new EsTime.At(1795236463L, 0, ZoneOffset.ofHours(1)),
                new EsTime(9, "%Y%m%d %H%M%S %z").parse("20261121 054743 +0100"));
        assertEquals(new EsTime.At(1795236463L, 0, ZoneOffset.UTC), new EsTime(9, "%s").parse("1795236463"));
        assertThrows(IllegalArgumentException.class, () -> new EsTime(9, "%q"));
        assertThrows(IllegalArgumentException.class, () -> new EsTime(10, null));
    }

    @Test
    void timestampBytesAreWhatEsTimeFormats() {
        Random r = new Random(21);
        for (int precision = 0; precision <= 9; precision++) {
            EsTime time = new EsTime(precision, null);
            TimestampJson json = new TimestampJson(time);
            JsonBytes out = new JsonBytes(16);
            for (int i = 0; i < 2000; i++) {
                // runs of events in one second, as in a chunk, then a jump; offsets either side of UTC
                long sec = i % 7 == 0 ? r.nextInt() & 0xffffffffL : 1_763_700_000L + i / 7;
                int nanos = i % 5 == 0 ? 0 : r.nextInt(1_000_000_000);
                ZoneOffset off = ZoneOffset.ofTotalSeconds((r.nextInt(8) - 4) * 1800 * (i % 3 == 0 ? 1 : 0));
                out.reset();
                json.write(out, sec, nanos, off);
                assertEquals("\"" + time.format(sec, nanos, off) + "\"", new String(out.array(), 0, out.size(),
                        StandardCharsets.US_ASCII));
            }
        }
    }
}
