package io.floe.inputs.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.codec.event.Event;
import io.floe.codec.event.EventTime;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.Parsers;
import io.floe.testkit.Mp;
import io.floe.testkit.Sections;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** in_http's reading of a request body and query into events, without a server. */
class HttpEventsTest {
    private static final EventTime NOW = new EventTime(1_700_000_000, 5);
    private static final HttpEvents.Additions NONE = new HttpEvents.Additions(false, false, false);
    private final HttpEvents events = new HttpEvents(null, NONE, () -> NOW);

    private List<Event> decode(HttpEvents e, String contentType, byte[] body, String query) throws Exception {
        return e.decode(contentType, body, query, Map.of("HTTP_USER_AGENT", "curl/8", "REMOTE_ADDR", "10.0.0.7")).decode();
    }

    private List<Event> decode(String contentType, String body, String query) throws Exception {
        return decode(events, contentType, body.getBytes(StandardCharsets.UTF_8), query);
    }

    private static String form(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void aJsonFormFieldIsOneRecordAtTheTimeOfArrival() throws Exception {
        List<Event> e = decode("application/x-www-form-urlencoded", form("json", "{\"action\":\"login\",\"user\":2}"), null);
        assertEquals(1, e.size());
        assertEquals(Map.of("action", "login", "user", 2L), e.get(0).record());
        assertEquals(NOW, e.get(0).time());
    }

    @Test
    void aJsonBodyIsOneObjectOrAnArrayOfThem() throws Exception {
        assertEquals(List.of(Map.of("a", 1L)), records(decode("application/json", "{\"a\":1}", null)));
        assertEquals(List.of(Map.of("a", 1L), Map.of("a", 2L)),
                records(decode("application/json; charset=utf-8", "[{\"a\":1},7,{\"a\":2},null]", null)), "what is not an object is skipped");
        assertEquals(List.of(), records(decode("application/json", "null", null)));
    }

    @Test
    void ndjsonIsOneObjectPerLineInAFieldOrTheBody() throws Exception {
        assertEquals(List.of(Map.of("k1", "v1"), Map.of("k2", "v2")),
                records(decode("application/x-www-form-urlencoded", "ndjson={\"k1\":\"v1\"}\n{\"k2\":\"v2\"}\n", null)));
        assertEquals(List.of(Map.of("k1", "v1"), Map.of("k2", "v2")),
                records(decode("application/x-ndjson", "{\"k1\":\"v1\"}\r\n\r\n{\"k2\":\"v2\"}\r\n", null)));
    }

    @Test
    void msgpackIsAStreamOfMapsOrArraysOfMapsSentRawOrAsAFormField() throws Exception {
        byte[] body = Mp.stream(Mp.map("a", 1), Mp.list(Mp.map("b", "x"), 3));
        assertEquals(List.of(Map.of("a", 1L), Map.of("b", "x")), records(decode(events, "application/msgpack", body, null)));
        byte[] field = Mp.concat("msgpack=".getBytes(StandardCharsets.US_ASCII), Mp.pack(Mp.map("foo", "bar")));
        assertEquals(List.of(Map.of("foo", "bar")), records(decode(events, "application/x-www-form-urlencoded", field, null)));
    }

    @Test
    void theTimeParameterOrTheRecordsTimeFieldSetsTheEventTime() throws Exception {
        Event byQuery = decode("application/json", "{\"a\":1}", "time=1518756037.3137116").get(0);
        assertEquals(new EventTime(1518756037, 313711600), byQuery.time());
        Event byForm = decode("application/x-www-form-urlencoded", form("json", "{\"a\":1}") + "&time=1518756037", null).get(0);
        assertEquals(new EventTime(1518756037, 0), byForm.time());
        Event byRecord = decode("application/json", "{\"a\":1,\"time\":1518756037}", null).get(0);
        assertEquals(new EventTime(1518756037, 0), byRecord.time());
        assertEquals(Map.of("a", 1L), byRecord.record(), "the time field is taken out of the record");
        assertEquals(NOW, decode("application/json", "{\"a\":1}", "time=abc").get(0).time(), "not a number is now, as Ruby's to_f gives 0");
    }

    @Test
    void badJsonOrARecordTimeThatIsNoNumberIsABadRequestAndNothingOfTheBodyIsKept() {
        BadRequest bad = assertThrows(BadRequest.class, () -> decode("application/json", "[{\"a\":1},{\"a\":", null));
        assertTrue(bad.getMessage().startsWith("pattern not matched with data '[{\"a\":1}"), bad.getMessage());
        assertThrows(BadRequest.class, () -> decode("application/x-ndjson", "{\"a\":1}\nnope\n", null));
        assertThrows(BadRequest.class, () -> decode("application/json", "{\"time\":\"yesterday\"}", null));
        assertThrows(BadRequest.class, () -> decode(events, "application/msgpack", new byte[] {(byte) 0xc1}, null));
    }

    @Test
    void withoutAJsonMsgpackOrNdjsonFieldTheRequestIsBad() {
        BadRequest bad = assertThrows(BadRequest.class, () -> decode("text/plain", "hello", null));
        assertEquals("'json', 'ndjson' or 'msgpack' parameter is required", bad.getMessage());
    }

    @Test
    void headersRemoteAddressAndQueryParametersAreAddedWhenAsked() throws Exception {
        HttpEvents all = new HttpEvents(null, new HttpEvents.Additions(true, true, true), () -> NOW);
        Map<String, Object> r = decode(all, "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "x-id=7").get(0).record();
        assertEquals(Map.of("a", 1L, "HTTP_USER_AGENT", "curl/8", "QUERY_X_ID", "7", "REMOTE_ADDR", "10.0.0.7"), r);
    }

    @Test
    void aParseSectionReadsTheBodyWhateverItsType() throws Exception {
        HttpEvents regexp = new HttpEvents(Parsers.create(Sections.of("parse", "", "@type regexp", "expression /^(?<user>\\w+) (?<action>\\w+)$/"),
                ParserEnv.system()), NONE, () -> NOW);
        List<Event> e = decode(regexp, "text/plain", "alice login".getBytes(StandardCharsets.UTF_8), null);
        assertEquals(List.of(Map.of("user", "alice", "action", "login")), records(e));
        assertEquals(List.of(), records(decode(regexp, "text/plain", "no match here".getBytes(StandardCharsets.UTF_8), null)));
    }

    @Test
    void formFieldsAreBytesWithPlusAndPercentEscapes() {
        Map<String, byte[]> f = FormFields.parse("a=x+y%21;b=%zz&c&a=second".getBytes(StandardCharsets.US_ASCII));
        assertEquals("x y!", new String(f.get("a"), StandardCharsets.UTF_8), "a name sent twice keeps its first value");
        assertEquals("%zz", new String(f.get("b"), StandardCharsets.UTF_8));
        assertEquals(0, f.get("c").length);
    }

    @Test
    void theTagIsThePathWithDotsForSlashes() {
        assertEquals("app.log", HttpEventRoute.tag("/app.log"));
        assertEquals("app.web.access", HttpEventRoute.tag("/app/web/access"));
    }

    private static List<Map<String, Object>> records(List<Event> events) {
        return events.stream().map(Event::record).toList();
    }
}
