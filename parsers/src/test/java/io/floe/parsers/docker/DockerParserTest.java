package io.floe.parsers.docker;

import static io.floe.parsers.ParserTestSupport.NOW;
import static io.floe.parsers.ParserTestSupport.assertRecord;
import static io.floe.parsers.ParserTestSupport.at;
import static io.floe.parsers.ParserTestSupport.one;
import static io.floe.parsers.ParserTestSupport.parser;
import static io.floe.parsers.ParserTestSupport.rec;
import static io.floe.parsers.ParserTestSupport.unmatched;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.codec.event.EventTime;
import io.floe.parsers.Parser;
import io.floe.parsers.ParserException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerParserTest {
    private static String line(String log, String time) {
        return "{\"log\":\"" + log + "\",\"stream\":\"stdout\",\"time\":\"" + time + "\"}";
    }

    @Test
    void aLineBecomesLogAndStreamWithTheTimeAndWithoutTheNewline() {
        Parser.Parsed p = one(parser("@type docker"), line("hello world\\n", "2026-11-21T06:46:31.011271025Z"));
        assertEquals(at("2026-11-21T06:46:31.011271025Z"), p.time());
        assertRecord(rec("log", "hello world", "stream", "stdout"), p.record());
    }

    @Test
    void oneToNineFractionDigits() {
        Parser p = parser("@type docker");
        String digits = "011271025";
        for (int n = 1; n <= 9; n++) {
            String frac = digits.substring(0, n);
            EventTime expected = new EventTime(at("2026-11-21T06:46:31Z").seconds(), Integer.parseInt((frac + "00000000").substring(0, 9)));
            assertEquals(expected, one(p, line("x\\n", "2026-11-21T06:46:31." + frac + "Z")).time(), frac);
        }
        assertEquals(at("2026-11-21T06:46:31Z"), one(p, line("x\\n", "2026-11-21T06:46:31Z")).time());
    }

    @Test
    void aPartialLineOver16KbKeepsItsLogAndCanBeFlagged() {
        String piece = "a".repeat(16 * 1024);
        assertRecord(rec("log", piece, "stream", "stdout"), one(parser("@type docker"), line(piece, "2026-11-21T06:46:31.5Z")).record());
        assertRecord(rec("log", piece, "stream", "stdout", "partial", true),
                one(parser("@type docker", "partial_key partial"), line(piece, "2026-11-21T06:46:31.5Z")).record());
        assertRecord(rec("log", "end", "stream", "stdout"),
                one(parser("@type docker", "partial_key partial"), line("end\\n", "2026-11-21T06:46:31.5Z")).record());
    }

    @Test
    void escapesCrlfExtraAttributesAndKeepTimeKey() {
        Parser.Parsed p = one(parser("@type docker", "keep_time_key true"),
                "{\"log\":\"{\\\"a\\\":\\\"\\u00e9\\\"}\\r\\n\",\"stream\":\"stderr\",\"attrs\":{\"tag\":\"web\"},\"time\":\"2026-11-21T06:46:31Z\"}");
        assertRecord(rec("log", "{\"a\":\"é\"}", "stream", "stderr", "attrs", Map.of("tag", "web"), "time", "2026-11-21T06:46:31Z"), p.record());
    }

    @Test
    void missingTimeIsNowAndBadLinesDoNotMatch() {
        assertEquals(NOW, one(parser("@type docker"), "{\"log\":\"x\\n\",\"stream\":\"stdout\"}").time());
        unmatched(parser("@type docker"), "2026-11-21T06:46:31Z stdout F cri line");
        unmatched(parser("@type docker"), "[1,2]");
        assertThrows(ParserException.class, () -> parser("@type docker").parse(line("x", "yesterday"), (t, r) -> { }));
    }
}
