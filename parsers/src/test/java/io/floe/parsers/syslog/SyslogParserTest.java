package io.floe.parsers.syslog;

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

class SyslogParserTest {
    private static final String RFC3164 = "Feb 28 12:00:00 192.168.0.1 fluentd[11111]: [error] Syslog test";
    private static final String RFC5424 = "<16>1 2013-02-28T12:00:00.003Z 192.168.0.1 fluentd 11111 ID24224 "
            + "[exampleSDID@20224 iut=\"3\" eventSource=\"Application\" eventID=\"11211\"] Hi, from Fluentd!";

    @Test
    void rfc3164DocumentationExampleTakesThisYear() {
        Parser.Parsed p = one(parser("@type syslog"), RFC3164);
        assertEquals(at("2026-02-28T12:00:00Z"), p.time());
        assertRecord(rec("host", "192.168.0.1", "ident", "fluentd", "pid", "11111", "message", "[error] Syslog test"), p.record());
    }

    @Test
    void rfc3164WithPriority() {
        Parser.Parsed p = one(parser("@type syslog", "with_priority true"), "<6>" + RFC3164);
        assertRecord(rec("pri", 6L, "host", "192.168.0.1", "ident", "fluentd", "pid", "11111", "message", "[error] Syslog test"),
                p.record());
    }

    @Test
    void rfc3164SingleDigitDayWithTwoSpacesKeepTimeKeyAndChomp() {
        Parser.Parsed p = one(parser("@type syslog", "keep_time_key true"), "Feb  5 17:32:18 host sshd: Accepted publickey\n");
        assertEquals(at("2026-02-05T17:32:18Z"), p.time());
        assertRecord(rec("time", "Feb  5 17:32:18", "host", "host", "ident", "sshd", "message", "Accepted publickey"), p.record());
    }

    @Test
    void rfc5424DocumentationExample() {
        Parser.Parsed p = one(parser("@type syslog", "message_format rfc5424", "with_priority true"), RFC5424);
        assertEquals(at("2013-02-28T12:00:00.003Z"), p.time());
        assertRecord(rec("pri", 16L, "host", "192.168.0.1", "ident", "fluentd", "pid", "11111", "msgid", "ID24224",
                "extradata", "[exampleSDID@20224 iut=\"3\" eventSource=\"Application\" eventID=\"11211\"]",
                "message", "Hi, from Fluentd!"), p.record());
    }

    @Test
    void rfc5424WithoutFractionNilValuesAndMultilineMessage() {
        Parser.Parsed p = one(parser("@type syslog", "message_format rfc5424"), "2017-02-06T13:14:15Z host app - - - line one\nline two");
        assertEquals(at("2017-02-06T13:14:15Z"), p.time());
        assertRecord(rec("host", "host", "ident", "app", "pid", "-", "msgid", "-", "extradata", "-", "message", "line one\nline two"),
                p.record());
    }

    @Test
    void autoChoosesPerLine() {
        Parser p = parser("@type syslog", "message_format auto", "with_priority true");
        assertEquals("Hi, from Fluentd!", one(p, RFC5424).record().get("message"));
        assertEquals(16L, one(p, RFC5424).record().get("pri"));
        Parser.Parsed old = one(p, "<6>" + RFC3164);
        assertEquals(at("2026-02-28T12:00:00Z"), old.time());
        assertEquals("fluentd", old.record().get("ident"));
    }

    @Test
    void stringParserGivesTheSameFieldsInFluentdsOrder() {
        Parser p = parser("@type syslog", "parser_type string", "with_priority true");
        Parser.Parsed r = one(p, "<6>" + RFC3164);
        assertEquals(at("2026-02-28T12:00:00Z"), r.time());
        assertRecord(rec("host", "192.168.0.1", "pri", 6L, "ident", "fluentd", "pid", "11111", "message", "[error] Syslog test"), r.record());
        assertRecord(rec("host", "host", "ident", "kernel", "message", "oops"),
                one(parser("@type syslog", "parser_type string"), "Feb 28 12:00:00 host kernel oops").record());
        assertRecord(rec("host", "host", "message", "kernel oops"),
                one(parser("@type syslog", "parser_type string", "support_colonless_ident false"), "Feb 28 12:00:00 host kernel oops").record());
        assertEquals(at("2026-02-28T12:00:00.123Z"),
                one(parser("@type syslog", "parser_type string", "time_format %b %d %H:%M:%S.%N"), "Feb 28 12:00:00.123 h a: m").time());
        unmatched(p, "no priority here");
    }

    @Test
    void unmatchedAndBadTimes() {
        unmatched(parser("@type syslog", "with_priority true"), RFC3164);
        unmatched(parser("@type syslog", "message_format rfc5424"), "garbage");
        assertThrows(ParserException.class, () -> parser("@type syslog").parse("Foo 28 12:00:00 host x: y", (t, r) -> { }));
        assertThrows(IllegalArgumentException.class, () -> parser("@type syslog", "parser_type fast"));
    }
}
