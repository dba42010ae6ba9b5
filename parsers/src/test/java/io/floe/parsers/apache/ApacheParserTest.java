package io.floe.parsers.apache;

import static io.floe.parsers.ParserTestSupport.assertRecord;
import static io.floe.parsers.ParserTestSupport.one;
import static io.floe.parsers.ParserTestSupport.parser;
import static io.floe.parsers.ParserTestSupport.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.codec.event.EventTime;
import io.floe.parsers.Parser;
import org.junit.jupiter.api.Test;

class ApacheParserTest {
    @Test
    void fluentdDocumentationExampleEveryFieldAString() {
        Parser.Parsed p = one(parser("@type apache"), "192.168.0.1 - - [28/Feb/2013:12:00:00 +0900] \"GET / HTTP/1.1\" 200 777 \"-\" \"Opera/12.0\"");
        assertEquals(new EventTime(1362020400, 0), p.time());
        assertRecord(rec("host", "192.168.0.1", "user", "-", "method", "GET", "path", "/", "code", "200", "size", "777",
                "referer", "-", "agent", "Opera/12.0"), p.record());
    }

    @Test
    void typesApplyBecauseItIsTheRegexpParser() {
        Parser.Parsed p = one(parser("@type apache", "types code:integer,size:integer"),
                "192.168.0.1 - - [28/Feb/2013:12:00:00 +0900] \"GET / HTTP/1.1\" 200 777");
        assertEquals(200L, p.record().get("code"));
        assertEquals(777L, p.record().get("size"));
    }
}
