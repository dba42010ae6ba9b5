package io.floe.parsers.nginx;

import static io.floe.parsers.ParserTestSupport.assertRecord;
import static io.floe.parsers.ParserTestSupport.one;
import static io.floe.parsers.ParserTestSupport.parser;
import static io.floe.parsers.ParserTestSupport.rec;
import static io.floe.parsers.ParserTestSupport.unmatched;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.codec.event.EventTime;
import io.floe.parsers.Parser;
import org.junit.jupiter.api.Test;

class NginxParserTest {
    @Test
    void fluentdDocumentationExample() {
        Parser.Parsed p = one(parser("@type nginx"), "127.0.0.1 192.168.0.1 - [28/Feb/2013:12:00:00 +0900] \"GET / HTTP/1.1\" 200 777 \"-\" \"Opera/12.0\" -");
        assertEquals(new EventTime(1362020400, 0), p.time());
        assertRecord(rec("remote", "127.0.0.1", "host", "192.168.0.1", "user", "-", "method", "GET", "path", "/",
                "code", "200", "size", "777", "referer", "-", "agent", "Opera/12.0", "http_x_forwarded_for", "-"), p.record());
    }

    @Test
    void defaultNginxCombinedLineWithoutForwardedFor() {
        Parser.Parsed p = one(parser("@type nginx"), "93.180.71.3 - - [17/May/2015:08:05:32 +0000] \"GET /downloads/product_1 HTTP/1.1\" "
                + "304 0 \"-\" \"Debian APT-HTTP/1.3 (0.8.16~exp12ubuntu10.21)\"");
        assertRecord(rec("remote", "93.180.71.3", "host", "-", "user", "-", "method", "GET", "path", "/downloads/product_1",
                "code", "304", "size", "0", "referer", "-", "agent", "Debian APT-HTTP/1.3 (0.8.16~exp12ubuntu10.21)"), p.record());
    }

    @Test
    void expressionCanBeReplaced() {
        Parser p = parser("@type nginx", "expression /^(?<remote>\\S+) \\[(?<time>[^\\]]+)\\]$/");
        assertRecord(rec("remote", "1.2.3.4"), one(p, "1.2.3.4 [28/Feb/2013:12:00:00 +0900]").record());
        unmatched(p, "1.2.3.4");
    }
}
