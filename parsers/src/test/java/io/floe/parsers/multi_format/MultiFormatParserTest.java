package io.floe.parsers.multi_format;

import static io.floe.parsers.ParserTestSupport.NOW;
import static io.floe.parsers.ParserTestSupport.assertRecord;
import static io.floe.parsers.ParserTestSupport.one;
import static io.floe.parsers.ParserTestSupport.parser;
import static io.floe.parsers.ParserTestSupport.rec;
import static io.floe.parsers.ParserTestSupport.unmatched;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.codec.event.EventTime;
import io.floe.parsers.Parser;
import org.junit.jupiter.api.Test;

class MultiFormatParserTest {
    private static Parser readmeExample() {
        return parser("@type multi_format",
                "<pattern>", "format apache", "</pattern>",
                "<pattern>", "format json", "time_key timestamp", "</pattern>",
                "<pattern>", "format none", "</pattern>");
    }

    @Test
    void triesPatternsInOrderAsTheReadmeShows() {
        Parser p = readmeExample();
        Parser.Parsed apache = one(p, "192.168.0.1 - - [28/Feb/2013:12:00:00 +0900] \"GET / HTTP/1.1\" 200 777");
        assertEquals(new EventTime(1362020400, 0), apache.time());
        assertEquals("GET", apache.record().get("method"));
        Parser.Parsed json = one(p, "{\"timestamp\":1362020400,\"k\":\"v\"}");
        assertEquals(new EventTime(1362020400, 0), json.time());
        assertRecord(rec("k", "v"), json.record());
        Parser.Parsed none = one(p, "free text");
        assertEquals(NOW, none.time());
        assertRecord(rec("message", "free text"), none.record());
    }

    @Test
    void aPatternThatThrowsIsSkippedAndRegexpPatternsWork() {
        Parser p = parser("@type multi_format",
                "<pattern>", "format json", "time_format %Y", "</pattern>",
                "<pattern>", "format /^(?<word>\\w+)$/", "</pattern>");
        assertRecord(rec("word", "hello"), one(p, "hello").record());
        // json matches but its time does not parse: the next pattern is tried, which does not match either.
        unmatched(p, "{\"time\":\"bad\"}");
        Parser typed = parser("@type multi_format", "<pattern>", "@type regexp", "expression /(?<n>\\d+)/", "types n:integer", "</pattern>");
        assertEquals(5L, one(typed, "n=5").record().get("n"));
    }

    @Test
    void aResultWithoutTimeDoesNotCount() {
        Parser p = parser("@type multi_format", "<pattern>", "format none", "estimate_current_event false", "</pattern>");
        unmatched(p, "x");
    }

    @Test
    void needsPatternsWithAFormat() {
        assertThrows(IllegalArgumentException.class, () -> parser("@type multi_format"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parser("@type multi_format", "<pattern>", "time_key t", "</pattern>"))
                .getMessage().contains("'format'"));
    }
}
