package io.floe.parsers.tsv;

import static io.floe.parsers.ParserTestSupport.assertRecord;
import static io.floe.parsers.ParserTestSupport.at;
import static io.floe.parsers.ParserTestSupport.one;
import static io.floe.parsers.ParserTestSupport.parser;
import static io.floe.parsers.ParserTestSupport.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.parsers.Parser;
import org.junit.jupiter.api.Test;

class TsvParserTest {
    @Test
    void fluentdDocumentationExample() {
        Parser.Parsed r = one(parser("@type tsv", "keys time,host,req_id,user", "time_key time", "time_format %Y/%m/%d %H:%M:%S"),
                "2013/02/28 12:00:00\t192.168.0.1\t111\t-");
        assertEquals(at("2013-02-28T12:00:00Z"), r.time());
        assertRecord(rec("host", "192.168.0.1", "req_id", "111", "user", "-"), r.record());
    }

    @Test
    void theLastKeyTakesTheRestAndMissingFieldsAreNull() {
        Parser p = parser("@type tsv", "keys a,b");
        assertRecord(rec("a", "1", "b", "2\t3"), one(p, "1\t2\t3").record());
        assertRecord(rec("a", "1", "b", null), one(p, "1").record());
        assertRecord(rec("a", "", "b", ""), one(p, "\t").record());
        assertRecord(rec("a", "x", "b", "y z"), one(parser("@type tsv", "keys a,b", "delimiter ,"), "x,y z").record());
        assertRecord(rec("a", "x", "b", "y  z"), one(parser("@type tsv", "keys a,b", "delimiter \" \""), "  x  y  z").record());
    }

    @Test
    void keysAreRequired() {
        assertThrows(IllegalArgumentException.class, () -> parser("@type tsv"));
    }
}
