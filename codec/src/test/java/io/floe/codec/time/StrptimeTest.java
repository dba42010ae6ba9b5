package io.floe.codec.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.codec.event.EventTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Ruby's strptime as the parsers' time_format (Time.strptime) and out_elasticsearch's time_key_format
 * (DateTime.strptime: {@link Strptime#parseWhole}) read it.
 */
class StrptimeTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final EventTime NOW = at("2026-11-21T04:41:58.296931505Z");
    private static final long ES_T = 1795236463L; // 2026-11-21T04:47:43Z

    private static EventTime at(String isoInstant) {
        Instant i = Instant.parse(isoInstant);
        return new EventTime(i.getEpochSecond(), i.getNano());
    }

    private static Strptime.Zoned whole(String format, String text) {
        return Strptime.compile(format).parseWhole(text, () -> NOW);
    }

    private static EventTime parse(String format, String text, ZoneId zone) {
        return Strptime.compile(format).parse(text, zone, () -> NOW);
    }

    @Test
    void apacheFormatWithOffset() {
        assertEquals(at("2013-02-28T03:00:00Z"), parse("%d/%b/%Y:%H:%M:%S %z", "28/Feb/2013:12:00:00 +0900", ZoneOffset.UTC));
        assertTrue(Strptime.compile("%d/%b/%Y:%H:%M:%S %z").hasZone());
    }

    @Test
    void withoutAnOffsetTheTimeIsInTheGivenZone() {
        assertEquals(at("2013-02-28T03:00:00Z"), parse("%Y-%m-%d %H:%M:%S", "2013-02-28 12:00:00", TOKYO));
        assertEquals(at("2013-02-28T12:00:00Z"), parse("%Y-%m-%d %H:%M:%S", "2013-02-28 12:00:00", ZoneOffset.UTC));
        assertFalse(Strptime.compile("%Y-%m-%d %H:%M:%S").hasZone());
    }

    @Test
    void fractionsWithNAndLReadAllTheirDigitsUnlessANumberFollows() {
        assertEquals(at("2026-11-21T06:46:31.011271025Z"), parse("%Y-%m-%dT%H:%M:%S.%NZ", "2026-11-21T06:46:31.011271025Z", ZoneOffset.UTC));
        assertEquals(at("2026-11-21T06:46:31.5Z"), parse("%Y-%m-%dT%H:%M:%S.%N%z", "2026-11-21T06:46:31.5+00:00", TOKYO));
        assertEquals(at("2017-02-06T13:14:15.003Z"), parse("%Y-%m-%dT%H:%M:%S.%L%z", "2017-02-06T13:14:15.003Z", TOKYO));
        assertEquals(at("2017-02-06T13:14:15.123456Z"), parse("%Y-%m-%dT%H:%M:%S.%L%z", "2017-02-06T13:14:15.123456Z", TOKYO));
        assertEquals(at("2017-02-06T13:14:15.123Z"), parse("%H:%M:%S.%3N%Y-%m-%d", "13:14:15.1232017-02-06", ZoneOffset.UTC));
        assertEquals(at("2017-02-06T13:14:15.123456789Z"), parse("%s.%N", "1486386855.1234567891", ZoneOffset.UTC));
    }

    @Test
    void offsetForms() {
        String f = "%Y-%m-%dT%H:%M:%S%z";
        assertEquals(at("2026-01-01T00:00:00Z"), parse(f, "2026-01-01T09:00:00+09:00", ZoneOffset.UTC));
        assertEquals(at("2026-01-01T00:00:00Z"), parse(f, "2026-01-01T09:00:00+0900", ZoneOffset.UTC));
        assertEquals(at("2026-01-01T00:00:00Z"), parse(f, "2026-01-01T09:00:00+09", ZoneOffset.UTC));
        assertEquals(at("2026-01-01T14:00:00Z"), parse(f, "2026-01-01T09:00:00-05:00", ZoneOffset.UTC));
        assertEquals(at("2026-01-01T09:00:00Z"), parse(f, "2026-01-01T09:00:00Z", TOKYO));
        assertEquals(at("2026-01-01T09:00:00Z"), parse("%Y-%m-%dT%H:%M:%S%:z", "2026-01-01T09:00:00UTC", TOKYO));
        assertEquals(at("2026-01-01T00:00:00Z"), parse("%Y-%m-%d %H:%M:%S %Z", "2026-01-01 09:00:00 JST", ZoneOffset.UTC));
        assertEquals(at("2026-01-01T00:00:00Z"), parse("%Y-%m-%d %H:%M:%S %Z", "2026-01-01 09:00:00 GMT+9", ZoneOffset.UTC));
    }

    @Test
    void epochSeconds() {
        assertEquals(new EventTime(1362020400, 0), parse("%s", "1362020400", TOKYO));
        assertEquals(new EventTime(1362020400, 123000000), parse("%Q", "1362020400123", TOKYO));
    }

    @Test
    void syslogFormatWithoutYearTakesThisYearAndSqueezedDays() {
        assertEquals(at("2026-02-05T17:32:18Z"), parse("%b %d %H:%M:%S", "Feb  5 17:32:18", ZoneOffset.UTC));
        assertEquals(at("2026-02-05T17:32:18Z"), parse("%b %d %H:%M:%S", "Feb 5 17:32:18", ZoneOffset.UTC));
        assertEquals(at("2026-12-24T00:00:01Z"), parse("%b %e %T", "december 24 00:00:01", ZoneOffset.UTC));
    }

    @Test
    void missingFieldsBeforeTheFirstGivenComeFromNowLaterOnesAreMinimal() {
        assertEquals(at("2026-11-21T10:20:00Z"), parse("%H:%M", "10:20", ZoneOffset.UTC));
        assertEquals(at("2019-01-01T00:00:00Z"), parse("%Y", "2019", ZoneOffset.UTC));
        assertEquals(at("2026-03-01T00:00:00Z"), parse("%m", "3", ZoneOffset.UTC));
    }

    @Test
    void twelveHourClockNamesAndComposites() {
        assertEquals(at("2026-03-04T15:05:06Z"), parse("%D %r", "03/04/26 03:05:06 PM", ZoneOffset.UTC));
        assertEquals(at("2026-03-04T00:05:06Z"), parse("%F %I:%M:%S %p", "2026-03-04 12:05:06 am", ZoneOffset.UTC));
        assertEquals(at("2000-10-11T14:32:52Z"), parse("%c", "Wed Oct 11 14:32:52 2000", ZoneOffset.UTC));
        assertEquals(at("2000-10-11T14:32:52Z"), parse("%A, %B %d, %Y %R:%S", "Wednesday, October 11, 2000 14:32:52", ZoneOffset.UTC));
        assertEquals(at("2000-02-01T00:00:00Z"), parse("%Y-%j", "2000-032", ZoneOffset.UTC));
        assertEquals(at("1999-12-31T00:00:00Z"), parse("%y%m%d", "991231", ZoneOffset.UTC));
        assertEquals(at("2026-03-05T00:00:00Z"), parse("%v", " 5-MAR-2026", ZoneOffset.UTC));
        assertEquals(at("2026-03-05T07:08:09Z"), parse("%+", "Thu Mar  5 16:08:09 JST 2026", ZoneOffset.UTC));
    }

    @Test
    void whitespaceInTheFormatMatchesAnyRunAlsoNone() {
        assertEquals(at("2026-01-02T03:04:05Z"), parse("%Y-%m-%d %H:%M:%S", "2026-01-02   03:04:05", ZoneOffset.UTC));
        assertEquals(at("2026-01-02T03:04:05Z"), parse("%Y-%m-%d %H:%M:%S", "2026-01-0203:04:05", ZoneOffset.UTC));
        assertEquals(at("2026-01-02T03:04:05Z"), parse("%Y-%m-%d%n%H:%M:%S", "2026-01-02\t03:04:05", ZoneOffset.UTC));
    }

    @Test
    void daylightSavingZonesUseTheOffsetOfThatDate() {
        ZoneId ny = ZoneId.of("America/New_York");
        assertEquals(at("2026-01-15T17:00:00Z"), parse("%Y-%m-%d %H:%M", "2026-01-15 12:00", ny));
        assertEquals(at("2026-07-15T16:00:00Z"), parse("%Y-%m-%d %H:%M", "2026-07-15 12:00", ny));
    }

    @Test
    void mismatchesAndBadFormats() {
        assertThrows(IllegalArgumentException.class, () -> parse("%Y-%m-%d", "2026/01/02", ZoneOffset.UTC));
        assertThrows(IllegalArgumentException.class, () -> parse("%d/%b/%Y", "28/Foo/2013", ZoneOffset.UTC));
        assertThrows(IllegalArgumentException.class, () -> parse("%Y-%m-%d", "2026-13-02", ZoneOffset.UTC));
        assertThrows(IllegalArgumentException.class, () -> parse("%Y-%m-%d", "2026-02-30", ZoneOffset.UTC));
        assertThrows(IllegalArgumentException.class, () -> parse("%H:%M %z", "10:00 +25:00", ZoneOffset.UTC));
        assertThrows(IllegalArgumentException.class, () -> Strptime.compile("%Y-%q"));
    }

    /** The cases out_elasticsearch's time_key_format twin read, each kept with the offset the text was in. */
    @Test
    void wholeTextKeepsTheOffsetItWasWrittenIn() {
        assertEquals(new Strptime.Zoned(new EventTime(ES_T, 0), ZoneOffset.ofHours(1)),
                whole("%Y%m%d %H%M%S %z", "20261121 054743 +0100"));
        assertEquals(new Strptime.Zoned(new EventTime(ES_T, 0), ZoneOffset.UTC), whole("%s", "1795236463"));
        assertEquals(new Strptime.Zoned(new EventTime(ES_T, 0), ZoneOffset.UTC), whole("%Y-%m-%dT%H:%M:%S", "2026-11-21T04:47:43"));
        assertEquals(new Strptime.Zoned(new EventTime(ES_T, 120_000_000), ZoneOffset.ofHours(-2)),
                whole("%Y-%m-%dT%H:%M:%S.%L%:z", "2026-11-21T02:47:43.12-02:00"));
        assertEquals(new Strptime.Zoned(new EventTime(ES_T, 0), ZoneOffset.ofHours(9)),
                whole("%F %T %z", "2026-11-21 13:47:43 +09:00"));
        assertEquals(new Strptime.Zoned(new EventTime(ES_T, 0), ZoneOffset.UTC), whole("%d/%b/%Y:%H:%M:%S %z", "21/nov/2026:04:47:43 Z"));
        assertEquals(new Strptime.Zoned(new EventTime(ES_T, 0), ZoneOffset.UTC), whole("%F %R:%S%%", "2026-11-21 04:47:43%"));
        assertEquals(new Strptime.Zoned(new EventTime(ES_T, 0), ZoneOffset.UTC),
                whole("%A %d %B %Y %I:%M:%S %p", "Saturday 21 November 2026 04:47:43 AM"));
        assertThrows(IllegalArgumentException.class, () -> whole("%Y-%m-%d", "2026-11-21 left over"));
        assertEquals(at("2026-11-21T00:00:00Z"), Strptime.compile("%Y-%m-%d").parse("2026-11-21 left over", ZoneOffset.UTC, () -> NOW));
    }

    /** Region names, which the elasticsearch twin read through java.time's zone ids. */
    @Test
    void zoneRegionNamesUseTheirOffsetOfThatDate() {
        assertEquals(new Strptime.Zoned(new EventTime(ES_T, 0), ZoneOffset.ofHours(1)),
                whole("%Y-%m-%d %H:%M:%S %Z", "2026-11-21 05:47:43 Europe/Paris"));
        assertEquals(new Strptime.Zoned(at("2026-07-01T10:00:00Z"), ZoneOffset.ofHours(2)),
                whole("%Y-%m-%d %H:%M:%S %Z", "2026-07-01 12:00:00 Europe/Paris"));
        assertEquals(at("2026-01-15T17:00:00Z"), parse("%Y-%m-%d %H:%M %Z", "2026-01-15 12:00 America/New_York", TOKYO));
        assertEquals(at("2026-01-15T03:00:00Z"), parse("%Y-%m-%d %H:%M %Z", "2026-01-15 12:00 Etc/GMT-9", ZoneOffset.UTC));
        assertThrows(IllegalArgumentException.class, () -> parse("%Y-%m-%d %H:%M %Z", "2026-01-15 12:00 Mars/Olympus", TOKYO));
    }
}
