package io.floe.parsers.cri;

import static io.floe.parsers.ParserTestSupport.NOW;
import static io.floe.parsers.ParserTestSupport.assertRecord;
import static io.floe.parsers.ParserTestSupport.at;
import static io.floe.parsers.ParserTestSupport.one;
import static io.floe.parsers.ParserTestSupport.parser;
import static io.floe.parsers.ParserTestSupport.rec;
import static io.floe.parsers.ParserTestSupport.unmatched;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.parsers.Parser;
import io.floe.parsers.ParserException;
import org.junit.jupiter.api.Test;

class CriParserTest {
    private static final String T = "2026-11-21T06:46:31.011271025Z";

    @Test
    void fullLineKeepsTheTimeFieldAsThePluginDoes() {
        Parser.Parsed p = one(parser("@type cri"), T + " stdout F hello world");
        assertEquals(at(T), p.time());
        assertRecord(rec("stream", "stdout", "logtag", "F", "message", "hello world", "time", T), p.record());
    }

    @Test
    void partialLineAndKeepTimeKeyFalse() {
        Parser.Parsed p = one(parser("@type cri", "keep_time_key false"), T + " stderr P part of a long line");
        assertRecord(rec("stream", "stderr", "logtag", "P", "message", "part of a long line"), p.record());
    }

    @Test
    void messageKeepsLeadingSpacesAndMayBeEmpty() {
        Parser p = parser("@type cri", "keep_time_key false");
        assertEquals("\tat com.example.Main(Main.java:1)", one(p, T + " stdout F \tat com.example.Main(Main.java:1)").record().get("message"));
        assertEquals("", one(p, T + " stdout F ").record().get("message"));
        assertEquals("", one(p, T + " stdout F").record().get("message"));
        assertEquals("a  b ", one(p, T + " stdout F a  b ").record().get("message"));
    }

    @Test
    void offsetsAndOtherFractions() {
        Parser p = parser("@type cri");
        assertEquals(at("2026-11-21T04:46:31.5Z"), one(p, "2026-11-21T06:46:31.5+02:00 stdout F x").time());
        assertEquals(at("2026-11-21T06:46:31Z"), one(p, "2026-11-21T06:46:31Z stdout F x").time());
    }

    @Test
    void nestedParseForTheMessage() {
        Parser p = parser("@type cri", "<parse>", "@type json", "</parse>");
        Parser.Parsed r = one(p, T + " stdout F {\"level\":\"info\",\"time\":1362020400}");
        assertEquals(1362020400L, r.time().seconds());
        assertRecord(rec("level", "info", "stream", "stdout", "logtag", "F"), r.record());
        assertEquals(NOW, one(p, T + " stdout F {\"a\":1}").time());
        unmatched(p, T + " stdout F not json");
        Parser noMerge = parser("@type cri", "merge_cri_fields false", "<parse>", "@type none", "</parse>");
        assertRecord(rec("message", "plain"), one(noMerge, T + " stdout F plain").record());
    }

    @Test
    void malformedLines() {
        Parser p = parser("@type cri");
        unmatched(p, "garbage");
        unmatched(p, T + " stdout");
        unmatched(p, " stdout F x");
        assertThrows(ParserException.class, () -> p.parse("yesterday stdout F x", (t, r) -> { }));
    }
}
