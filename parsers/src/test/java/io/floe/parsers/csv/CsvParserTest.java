package io.floe.parsers.csv;

import static io.floe.parsers.ParserTestSupport.assertRecord;
import static io.floe.parsers.ParserTestSupport.at;
import static io.floe.parsers.ParserTestSupport.config;
import static io.floe.parsers.ParserTestSupport.env;
import static io.floe.parsers.ParserTestSupport.one;
import static io.floe.parsers.ParserTestSupport.parser;
import static io.floe.parsers.ParserTestSupport.rec;
import static io.floe.parsers.ParserTestSupport.unmatched;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.parsers.Parser;
import io.floe.parsers.Parsers;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CsvParserTest {
    @Test
    void fluentdDocumentationExample() {
        Parser p = Parsers.create(config("@type csv", "keys time,host,req_id,user", "time_key time", "time_format %Y/%m/%d %H:%M:%S"),
                env(ZoneId.of("Asia/Tokyo")));
        Parser.Parsed r = one(p, "2013/02/28 12:00:00,192.168.0.1,111,-");
        assertEquals(at("2013-02-28T03:00:00Z"), r.time());
        assertRecord(rec("host", "192.168.0.1", "req_id", "111", "user", "-"), r.record());
    }

    @Test
    void quotingAsRubysCsv() {
        Parser p = parser("@type csv", "keys a,b,c,d");
        assertRecord(rec("a", "x,y", "b", "say \"hi\"", "c", "", "d", null), one(p, "\"x,y\",\"say \"\"hi\"\"\",\"\",").record());
        assertRecord(rec("a", "1", "b", null, "c", null, "d", null), one(p, "1").record());
        assertRecord(rec("a", "1", "b", "2", "c", "3", "d", "4"), one(p, "1,2,3,4,5\n").record());
        assertRecord(rec("a", "multi\nline", "b", "2", "c", null, "d", null), one(p, "\"multi\nline\",2").record());
        unmatched(p, "");
    }

    @Test
    void malformedQuotingIsAnError() {
        Parser p = parser("@type csv", "keys a,b");
        assertEquals("Illegal quoting in line 1.", assertThrows(IllegalArgumentException.class, () -> p.parse("a\"b,c", (t, r) -> { })).getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.parse("\"open,c", (t, r) -> { }));
        assertThrows(IllegalArgumentException.class, () -> p.parse("\"a\"b,c", (t, r) -> { }));
    }

    @Test
    void delimiterAndTypes() {
        Parser p = parser("@type csv", "keys n,ok,tags", "delimiter |", "types n:integer,ok:bool,tags:array:;");
        assertRecord(rec("n", 7L, "ok", true, "tags", java.util.List.of("a", "b")), one(p, "7|yes|a;b").record());
    }

    @Test
    void fastEngineAsFluentdsSplitReader() {
        Parser p = parser("@type csv", "keys a,b,c", "parser_engine fast");
        assertRecord(rec("a", "x,y", "b", "q\"q", "c", null), one(p, "\"x,y\",\"q\"\"q\",").record());
        assertRecord(rec("a", "1", "b", "2"), one(p, "1,2").record());
        assertRecord(rec("a", "1", "b", "2", "c", "3"), one(p, "1,2,3,4\n").record());
        assertRecord(rec(), one(p, "").record());
        assertRecord(rec("a", "1"), one(parser("@type csv", "keys a", "parser_type fast"), "1").record());
    }

    @Test
    void keysAreRequired() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parser("@type csv")).getMessage().contains("'keys'"));
        assertThrows(IllegalArgumentException.class, () -> parser("@type csv", "keys a", "parser_engine turbo"));
    }
}
