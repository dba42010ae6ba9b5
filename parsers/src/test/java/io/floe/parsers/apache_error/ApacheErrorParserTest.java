package io.floe.parsers.apache_error;

import static io.floe.parsers.ParserTestSupport.assertRecord;
import static io.floe.parsers.ParserTestSupport.at;
import static io.floe.parsers.ParserTestSupport.one;
import static io.floe.parsers.ParserTestSupport.parser;
import static io.floe.parsers.ParserTestSupport.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.parsers.Parser;
import org.junit.jupiter.api.Test;

class ApacheErrorParserTest {
    @Test
    void fluentdDocumentationExample() {
        Parser.Parsed p = one(parser("@type apache_error"),
                "[Wed Oct 11 14:32:52 2000] [error] [client 127.0.0.1] client denied by server configuration");
        assertEquals(at("2000-10-11T14:32:52Z"), p.time());
        assertRecord(rec("level", "error", "client", "127.0.0.1", "message", "client denied by server configuration"), p.record());
    }

    @Test
    void apache24LineWithMicrosecondsAndPid() {
        Parser.Parsed p = one(parser("@type apache_error"), "[Fri Sep 09 10:42:29.902022 2011] [core:error] [pid 35708:tid 4328636416] "
                + "[client 72.15.99.187] File does not exist: /usr/local/apache2/htdocs/favicon.ico");
        assertEquals(at("2011-09-09T10:42:29.902022Z"), p.time());
        assertRecord(rec("level", "core:error", "pid", "35708:tid 4328636416", "client", "72.15.99.187",
                "message", "File does not exist: /usr/local/apache2/htdocs/favicon.ico"), p.record());
    }
}
