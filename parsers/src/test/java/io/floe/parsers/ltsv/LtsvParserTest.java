package io.floe.parsers.ltsv;

import static io.floe.parsers.ParserTestSupport.assertRecord;
import static io.floe.parsers.ParserTestSupport.at;
import static io.floe.parsers.ParserTestSupport.one;
import static io.floe.parsers.ParserTestSupport.parser;
import static io.floe.parsers.ParserTestSupport.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.parsers.Parser;
import org.junit.jupiter.api.Test;

class LtsvParserTest {
    @Test
    void fluentdDocumentationExample() {
        Parser.Parsed r = one(parser("@type ltsv", "time_format %Y/%m/%d %H:%M:%S"),
                "time:2013/02/28 12:00:00\thost:192.168.0.1\treq_id:111\tuser:-");
        assertEquals(at("2013-02-28T12:00:00Z"), r.time());
        assertRecord(rec("host", "192.168.0.1", "req_id", "111", "user", "-"), r.record());
    }

    @Test
    void delimiterPatternLabelDelimiterAndOddFields() {
        Parser p = parser("@type ltsv", "delimiter_pattern /\\s+/", "label_delimiter =");
        assertRecord(rec("a", "1", "b", "x=y", "c", ""), one(p, "a=1   b=x=y junk c=").record());
        assertRecord(rec("url", "http://x/"), one(parser("@type ltsv"), "url:http://x/\t\t").record());
    }
}
