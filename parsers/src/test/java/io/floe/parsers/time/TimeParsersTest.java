package io.floe.parsers.time;

import static io.floe.parsers.ParserTestSupport.NOW;
import static io.floe.parsers.ParserTestSupport.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.codec.event.EventTime;
import io.floe.parsers.ParseConfig.TimeType;
import io.floe.parsers.ParserException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeParsersTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void unixtimeReadsIntegerSecondsFromStringsAndNumbers() {
        TimeParser p = TimeParsers.create(TimeType.UNIXTIME, null, null, UTC, () -> NOW);
        assertEquals(new EventTime(1362020400, 0), p.parse("1362020400"));
        assertEquals(new EventTime(1362020400, 0), p.parse(1362020400L));
        assertEquals(new EventTime(1362020400, 0), p.parse(1362020400.9));
        assertThrows(ParserException.class, () -> p.parse(List.of()));
    }

    @Test
    void floatKeepsNineFractionDigitsAsFluentdDoes() {
        TimeParser p = TimeParsers.create(TimeType.FLOAT, null, null, UTC, () -> NOW);
        assertEquals(new EventTime(1362020400, 123456789), p.parse("1362020400.123456789"));
        assertEquals(new EventTime(1362020400, 500000000), p.parse(1362020400.5));
        assertEquals(new EventTime(1362020400, 0), p.parse(1362020400L));
        assertEquals(new EventTime(1362020400, 120000000), p.parse("1362020400.12"));
        // Ruby's to_i reads the leading digits only: an ISO text is "2026" seconds, as in Fluentd.
        assertEquals(new EventTime(2026, 0), p.parse("2026-11-21T06:46:31Z"));
    }

    @Test
    void stringTimesMustBeStringsAndErrorsSayWhy() {
        TimeParser p = TimeParsers.string("%Y-%m-%d", UTC, () -> NOW);
        assertEquals("value must be string: 12", assertThrows(ParserException.class, () -> p.parse(12L)).getMessage());
        String msg = assertThrows(ParserException.class, () -> p.parse("yesterday")).getMessage();
        assertTrue(msg.startsWith("invalid time format: value = yesterday, error_class = ArgumentError, error = "), msg);
    }

    @Test
    void repeatedTextsAreServedFromTheCache() {
        TimeParser p = TimeParsers.string("%Y-%m-%d %H:%M:%S", UTC, () -> NOW);
        EventTime a = p.parse("2026-01-01 00:00:00");
        EventTime b = p.parse("2026-01-01 00:00:01");
        assertSame(a, p.parse("2026-01-01 00:00:00"));
        assertSame(b, p.parse("2026-01-01 00:00:01"));
    }

    @Test
    void iso8601FormatIsTheFastReader() {
        TimeParser p = TimeParsers.string(TimeParsers.ISO8601, ZoneId.of("Asia/Tokyo"), () -> NOW);
        assertEquals(at("2026-11-21T06:46:31.011271025Z"), p.parse("2026-11-21T06:46:31.011271025Z"));
        assertEquals(at("2026-11-20T21:46:31Z"), p.parse("2026-11-21T06:46:31"));
        assertThrows(ParserException.class, () -> p.parse("2026-11-21"));
    }

    @Test
    void noFormatGuessesTheCommonShapesAsRubysTimeParse() {
        TimeParser p = TimeParsers.string(null, UTC, () -> NOW);
        assertEquals(at("2013-02-28T12:00:00Z"), p.parse("2013-02-28 12:00:00"));
        assertEquals(at("2013-02-28T03:00:00Z"), p.parse("2013-02-28T12:00:00+09:00"));
        assertEquals(at("2013-02-28T12:00:00.5Z"), p.parse("2013-02-28T12:00:00.5Z"));
        assertEquals(at("2013-02-28T00:00:00Z"), p.parse("2013/02/28"));
        assertEquals(at("2000-10-10T20:55:36Z"), p.parse("10/Oct/2000:13:55:36 -0700"));
        assertEquals(at("2000-10-10T13:55:36Z"), p.parse("Tue, 10 Oct 2000 13:55:36 +0000"));
        assertEquals(at("2000-10-11T14:32:52Z"), p.parse("Wed Oct 11 14:32:52 2000"));
        assertEquals(at("2011-09-09T10:42:29.902022Z"), p.parse("Sep 09 10:42:29.902022 2011"));
        assertEquals(at("2026-10-11T14:32:52Z"), p.parse("Oct 11 14:32:52"));
        assertEquals(at("2026-10-11T14:32:52Z"), p.parse("Oct 11 14:32:52 UTC"));
        assertThrows(ParserException.class, () -> p.parse("not a time"));
    }

    @Test
    void mixedTriesFormatsInOrderNumbersOnlyForNumericFallbacks() {
        TimeParser p = TimeParsers.create(TimeType.MIXED, "%iso8601", List.of("unixtime"), UTC, () -> NOW);
        assertEquals(at("2026-11-21T06:46:31Z"), p.parse("2026-11-21T06:46:31Z"));
        assertEquals(new EventTime(1362020400, 0), p.parse("1362020400"));
        String msg = assertThrows(ParserException.class, () -> p.parse("nope")).getMessage();
        assertEquals("invalid time format: value = nope, even though fallbacks: %iso8601,unixtime", msg);
        TimeParser q = TimeParsers.create(TimeType.MIXED, null, List.of("%d/%b/%Y:%H:%M:%S %z", "float"), UTC, () -> NOW);
        assertEquals(new EventTime(1362020400, 250000000), q.parse("1362020400.25"));
        assertThrows(IllegalArgumentException.class, () -> TimeParsers.create(TimeType.MIXED, null, null, UTC, () -> NOW));
    }
}
