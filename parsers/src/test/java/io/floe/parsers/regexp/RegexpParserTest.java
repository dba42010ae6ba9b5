package io.floe.parsers.regexp;

import static io.floe.parsers.ParserTestSupport.NOW;
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

import io.floe.codec.event.EventTime;
import io.floe.parsers.Parser;
import io.floe.parsers.ParserException;
import io.floe.parsers.Parsers;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RegexpParserTest {

    @Test
    void fluentdDocumentationExample() {
        Parser p = parser("@type regexp",
                "expression /^\\[(?<logtime>[^\\]]*)\\] (?<name>[^ ]*) (?<title>[^ ]*) (?<id>\\d*)$/",
                "time_key logtime", "time_format %Y-%m-%d %H:%M:%S %z", "types id:integer");
        Parser.Parsed r = one(p, "[2013-02-28 12:00:00 +0900] alice engineer 1");
        assertEquals(new EventTime(1362020400, 0), r.time());
        assertRecord(rec("name", "alice", "title", "engineer", "id", 1L), r.record());
    }

    @Test
    void groupsThatDidNotTakePartAreLeftOutAndTheDefaultTimeKeyIsTime() {
        Parser p = parser("@type regexp", "expression /^(?<time>\\S+) (?<level>\\w+)(?: \\[(?<thread>[^\\]]+)\\])? (?<message>.*)$/",
                "time_format %iso8601");
        Parser.Parsed r = one(p, "2026-11-21T06:46:31Z INFO started");
        assertEquals(at("2026-11-21T06:46:31Z"), r.time());
        assertRecord(rec("level", "INFO", "message", "started"), r.record());
    }

    @Test
    void theExpressionMayMatchAnywhereAsRubysMatchDoes() {
        assertRecord(rec("n", "42"), one(parser("@type regexp", "expression /n=(?<n>\\d+)/"), "a b n=42 c").record());
    }

    @Test
    void multilineFlagLetsDotCrossNewlines() {
        Parser p = parser("@type regexp", "expression /^(?<first>[^\\n]*)\\n(?<rest>.*)$/m");
        assertRecord(rec("first", "Exception", "rest", "  at a\n  at b"), one(p, "Exception\n  at a\n  at b").record());
    }

    @Test
    void aLineThatDoesNotMatchIsReportedAsSuch() {
        unmatched(parser("@type regexp", "expression /^(?<a>\\d+)$/"), "abc");
    }

    @Test
    void timeWithoutOffsetIsLocalTimeOrTheConfiguredZone() {
        String[] base = {"@type regexp", "expression /^(?<time>.+)$/", "time_format %Y-%m-%d %H:%M:%S"};
        Parser local = Parsers.create(config(base), env(ZoneId.of("Asia/Tokyo")));
        assertEquals(at("2013-02-28T03:00:00Z"), one(local, "2013-02-28 12:00:00").time());
        Parser utc = Parsers.create(config(concat(base, "utc true")), env(ZoneId.of("Asia/Tokyo")));
        assertEquals(at("2013-02-28T12:00:00Z"), one(utc, "2013-02-28 12:00:00").time());
        Parser notLocal = Parsers.create(config(concat(base, "localtime false")), env(ZoneId.of("Asia/Tokyo")));
        assertEquals(at("2013-02-28T12:00:00Z"), one(notLocal, "2013-02-28 12:00:00").time());
        Parser zoned = Parsers.create(config(concat(base, "timezone -05:00")), env(ZoneOffset.UTC));
        assertEquals(at("2013-02-28T17:00:00Z"), one(zoned, "2013-02-28 12:00:00").time());
        assertEquals("both of utc and localtime are specified, use only one of them", assertThrows(IllegalArgumentException.class,
                () -> Parsers.create(config(concat(base, "utc true", "localtime true")), env(ZoneOffset.UTC))).getMessage());
    }

    @Test
    void timeTypeUnixtimeAndKeepTimeKey() {
        Parser p = parser("@type regexp", "expression /^(?<time>\\d+) (?<m>.*)$/", "time_type unixtime", "keep_time_key true");
        Parser.Parsed r = one(p, "1362020400 hello");
        assertEquals(new EventTime(1362020400, 0), r.time());
        assertRecord(rec("time", "1362020400", "m", "hello"), r.record());
    }

    @Test
    void noTimeGroupGivesTheCurrentTime() {
        assertEquals(NOW, one(parser("@type regexp", "expression /(?<a>.)/"), "x").time());
    }

    @Test
    void configErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parser("@type regexp")).getMessage()
                .contains("'expression' parameter is required"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parser("@type regexp", "expression /^(\\d+)$/")).getMessage()
                .startsWith("No named captures"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parser("@type regexp", "expression /(?<a>x/")).getMessage()
                .startsWith("invalid regexp"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parser("@type regexp", "expression /(?<a>x)/",
                "time_format %Y-%Q-%q")).getMessage().contains("%q is not supported"));
    }

    @Test
    void badTimeIsAParserError() {
        Parser p = parser("@type regexp", "expression /^(?<time>\\S+)/", "time_format %d/%b/%Y:%H:%M:%S");
        assertThrows(ParserException.class, () -> p.parse("31/Foo/2013:00:00:00", (t, r) -> { }));
    }

    @Test
    void legacyFormatSlashRegexpIsTheRegexpParser() {
        assertRecord(rec("a", "x"), one(parser("@type /^(?<a>.)$/"), "x").record());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
