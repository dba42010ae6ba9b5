package io.floe.parsers.apache2;

import static io.floe.parsers.ParserTestSupport.assertRecord;
import static io.floe.parsers.ParserTestSupport.one;
import static io.floe.parsers.ParserTestSupport.parser;
import static io.floe.parsers.ParserTestSupport.rec;
import static io.floe.parsers.ParserTestSupport.unmatched;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.codec.event.EventTime;
import io.floe.parsers.Parser;
import io.floe.parsers.ParserException;
import org.junit.jupiter.api.Test;

class Apache2ParserTest {
    @Test
    void fluentdDocumentationExample() {
        Parser.Parsed p = one(parser("@type apache2"), "192.168.0.1 - - [28/Feb/2013:12:00:00 +0900] \"GET / HTTP/1.1\" 200 777 \"-\" \"Opera/12.0\"");
        assertEquals(new EventTime(1362020400, 0), p.time());
        assertRecord(rec("host", "192.168.0.1", "user", null, "method", "GET", "path", "/", "code", 200L, "size", 777L,
                "referer", null, "agent", "Opera/12.0"), p.record());
    }

    @Test
    void pathsWithSpacesAndEscapedQuotesCommonFormatAndDashSize() {
        Parser p = parser("@type apache2", "keep_time_key true");
        Parser.Parsed r = one(p, "::1 - bob [01/Jan/2026:00:00:00 +0000] \"GET /a b?q=\\\"x\\\" HTTP/1.0\" 304 - \"http://r/\" \"curl \\\"7\\\"\"");
        assertRecord(rec("host", "::1", "user", "bob", "method", "GET", "path", "/a b?q=\\\"x\\\"", "code", 304L, "size", null,
                "referer", "http://r/", "agent", "curl \\\"7\\\"", "time", "01/Jan/2026:00:00:00 +0000"), r.record());
        Parser.Parsed common = one(p, "10.0.0.1 - - [01/Jan/2026:00:00:00 +0000] \"-\" 408 0");
        assertRecord(rec("host", "10.0.0.1", "user", null, "method", "-", "path", null, "code", 408L, "size", 0L,
                "referer", null, "agent", null, "time", "01/Jan/2026:00:00:00 +0000"), common.record());
    }

    @Test
    void unmatchedAndBadTime() {
        Parser p = parser("@type apache2");
        unmatched(p, "this is not an access log");
        assertThrows(ParserException.class, () -> p.parse("1.1.1.1 - - [yesterday] \"GET / HTTP/1.1\" 200 1", (t, r) -> { }));
    }
}
