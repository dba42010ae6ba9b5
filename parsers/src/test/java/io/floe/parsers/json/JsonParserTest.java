package io.floe.parsers.json;

import static io.floe.parsers.ParserTestSupport.NOW;
import static io.floe.parsers.ParserTestSupport.all;
import static io.floe.parsers.ParserTestSupport.assertRecord;
import static io.floe.parsers.ParserTestSupport.at;
import static io.floe.parsers.ParserTestSupport.one;
import static io.floe.parsers.ParserTestSupport.parser;
import static io.floe.parsers.ParserTestSupport.rec;
import static io.floe.parsers.ParserTestSupport.unmatched;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.codec.event.EventTime;
import io.floe.parsers.Parser;
import io.floe.parsers.ParserException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonParserTest {

    @Test
    void fluentdDocumentationExample() {
        Parser.Parsed p = one(parser("@type json"), "{\"time\":1362020400,\"host\":\"192.168.0.1\",\"size\":777,\"method\":\"PUT\"}");
        assertEquals(new EventTime(1362020400, 0), p.time());
        assertRecord(rec("host", "192.168.0.1", "size", 777L, "method", "PUT"), p.record());
    }

    @Test
    void timeIsAFloatByDefaultKeepingTheFraction() {
        Parser.Parsed p = one(parser("@type json"), "{\"time\":1362020400.123456,\"a\":1}");
        assertEquals(new EventTime(1362020400, 123456000), p.time());
        assertEquals(new EventTime(1362020400, 500000000), one(parser("@type json"), "{\"time\":\"1362020400.5\"}").time());
    }

    @Test
    void timeFormatSwitchesToAStringTime() {
        Parser p = parser("@type json", "time_key timestamp", "time_format %Y-%m-%dT%H:%M:%S.%NZ", "keep_time_key true");
        Parser.Parsed r = one(p, "{\"timestamp\":\"2026-11-21T06:46:31.011271025Z\",\"msg\":\"x\"}");
        assertEquals(at("2026-11-21T06:46:31.011271025Z"), r.time());
        assertRecord(rec("timestamp", "2026-11-21T06:46:31.011271025Z", "msg", "x"), r.record());
    }

    @Test
    void withoutATimeFieldTheCurrentTimeUnlessEstimateIsOff() {
        assertEquals(NOW, one(parser("@type json"), "{\"a\":1}").time());
        assertNull(one(parser("@type json", "estimate_current_event false"), "{\"a\":1}").time());
    }

    @Test
    void nestedValuesAndNumberTypes() {
        Map<String, Object> r = one(parser("@type json"),
                "{\"a\":{\"b\":[1,2.5,true,null,\"s\"]},\"big\":123456789012345678901234567890,\"u\":\"\\u00e9\\n\"}").record();
        assertRecord(rec("a", Map.of("b", java.util.Arrays.asList(1L, 2.5, true, null, "s")),
                "big", new BigInteger("123456789012345678901234567890"), "u", "é\n"), r);
    }

    @Test
    void duplicateKeysKeepTheLastValueAtTheFirstPosition() {
        assertRecord(rec("a", 3L, "b", 2L), one(parser("@type json"), "{\"a\":1,\"b\":2,\"a\":3}").record());
    }

    @Test
    void anArrayGivesOneEventPerObject() {
        List<Parser.Parsed> events = all(parser("@type json"), "[{\"a\":1},2,{\"b\":3}]");
        assertEquals(3, events.size());
        assertEquals(rec("a", 1L), events.get(0).record());
        assertNull(events.get(1).record());
        assertEquals(rec("b", 3L), events.get(2).record());
        assertEquals(rec("a", 1L), parser("@type json").parseFirst("[{\"a\":1},{\"b\":3}]").record());
    }

    @Test
    void textThatIsNotAJsonObjectDoesNotMatch() {
        Parser p = parser("@type json");
        unmatched(p, "not json");
        unmatched(p, "{\"a\":1");
        unmatched(p, "{\"a\":1} trailing");
        unmatched(p, "\"just a string\"");
        unmatched(p, "42");
        unmatched(p, "");
        assertNull(p.parseFirst("{oops}"));
    }

    @Test
    void anUnreadableTimeIsAParserError() {
        Parser p = parser("@type json", "time_format %Y-%m-%d");
        assertEquals("invalid time format: value = yesterday, error_class = ArgumentError, error = invalid date or strptime format - "
                + "`yesterday' `%Y-%m-%d'", assertThrows(ParserException.class, () -> p.parse("{\"time\":\"yesterday\"}", (t, r) -> { }))
                .getMessage());
    }
}
