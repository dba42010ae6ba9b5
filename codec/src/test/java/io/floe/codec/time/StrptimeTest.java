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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ruby's strptime as the parsers' time_format (Time.strptime) and out_elasticsearch's time_key_format
 * (DateTime.strptime: {@link Strptime#parseWhole}) read it.
 */
class StrptimeTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final EventTime NOW = at("2026-11-21T04:41:58.296931505Z");

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

    /** {@code zone} is where a time written without an offset is; {@code Z} is UTC. */
    @ParameterizedTest(name = "{0}: {1} reads ''{2}'' in {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # what                           | format                    | text                                   | zone             | instant
            Apache format with its offset    | %d/%b/%Y:%H:%M:%S %z      | 28/Feb/2013:12:00:00 +0900             | Z                | 2013-02-28T03:00:00Z
            without an offset, in the zone   | %Y-%m-%d %H:%M:%S         | 2013-02-28 12:00:00                    | Asia/Tokyo       | 2013-02-28T03:00:00Z
            without an offset, in the zone   | %Y-%m-%d %H:%M:%S         | 2013-02-28 12:00:00                    | Z                | 2013-02-28T12:00:00Z
            %N reads all its digits          | %Y-%m-%dT%H:%M:%S.%NZ     | 2026-11-21T06:46:31.011271025Z         | Z                | 2026-11-21T06:46:31.011271025Z
            %N reads all its digits          | %Y-%m-%dT%H:%M:%S.%N%z    | 2026-11-21T06:46:31.5+00:00            | Asia/Tokyo       | 2026-11-21T06:46:31.5Z
            %L reads all its digits          | %Y-%m-%dT%H:%M:%S.%L%z    | 2017-02-06T13:14:15.003Z               | Asia/Tokyo       | 2017-02-06T13:14:15.003Z
            %L reads all its digits          | %Y-%m-%dT%H:%M:%S.%L%z    | 2017-02-06T13:14:15.123456Z            | Asia/Tokyo       | 2017-02-06T13:14:15.123456Z
            %3N: three digits, a number next | %H:%M:%S.%3N%Y-%m-%d      | 13:14:15.1232017-02-06                 | Z                | 2017-02-06T13:14:15.123Z
            %N: digits past 9 are cut        | %s.%N                     | 1486386855.1234567891                  | Z                | 2017-02-06T13:14:15.123456789Z
            offset +09:00                    | %Y-%m-%dT%H:%M:%S%z       | 2026-01-01T09:00:00+09:00              | Z                | 2026-01-01T00:00:00Z
            offset +0900                     | %Y-%m-%dT%H:%M:%S%z       | 2026-01-01T09:00:00+0900               | Z                | 2026-01-01T00:00:00Z
            offset +09                       | %Y-%m-%dT%H:%M:%S%z       | 2026-01-01T09:00:00+09                 | Z                | 2026-01-01T00:00:00Z
            offset -05:00                    | %Y-%m-%dT%H:%M:%S%z       | 2026-01-01T09:00:00-05:00              | Z                | 2026-01-01T14:00:00Z
            offset Z                         | %Y-%m-%dT%H:%M:%S%z       | 2026-01-01T09:00:00Z                   | Asia/Tokyo       | 2026-01-01T09:00:00Z
            offset UTC                       | %Y-%m-%dT%H:%M:%S%:z      | 2026-01-01T09:00:00UTC                 | Asia/Tokyo       | 2026-01-01T09:00:00Z
            zone abbreviation JST            | %Y-%m-%d %H:%M:%S %Z      | 2026-01-01 09:00:00 JST                | Z                | 2026-01-01T00:00:00Z
            zone GMT+9                       | %Y-%m-%d %H:%M:%S %Z      | 2026-01-01 09:00:00 GMT+9              | Z                | 2026-01-01T00:00:00Z
            syslog: no year, squeezed day    | %b %d %H:%M:%S            | Feb  5 17:32:18                        | Z                | 2026-02-05T17:32:18Z
            syslog: no year                  | %b %d %H:%M:%S            | Feb 5 17:32:18                         | Z                | 2026-02-05T17:32:18Z
            syslog: no year, full month name | %b %e %T                  | december 24 00:00:01                   | Z                | 2026-12-24T00:00:01Z
            a time alone: the date from now  | %H:%M                     | 10:20                                  | Z                | 2026-11-21T10:20:00Z
            a year alone: the rest minimal   | %Y                        | 2019                                   | Z                | 2019-01-01T00:00:00Z
            a month alone: year from now     | %m                        | 3                                      | Z                | 2026-03-01T00:00:00Z
            %D and %r (12-hour clock)        | %D %r                     | 03/04/26 03:05:06 PM                   | Z                | 2026-03-04T15:05:06Z
            12 am is midnight                | %F %I:%M:%S %p            | 2026-03-04 12:05:06 am                 | Z                | 2026-03-04T00:05:06Z
            %c                               | %c                        | Wed Oct 11 14:32:52 2000               | Z                | 2000-10-11T14:32:52Z
            day and month names              | %A, %B %d, %Y %R:%S       | Wednesday, October 11, 2000 14:32:52   | Z                | 2000-10-11T14:32:52Z
            day of the year                  | %Y-%j                     | 2000-032                               | Z                | 2000-02-01T00:00:00Z
            two-digit year                   | %y%m%d                    | 991231                                 | Z                | 1999-12-31T00:00:00Z
            %v                               | %v                        | ' 5-MAR-2026'                          | Z                | 2026-03-05T00:00:00Z
            %+ (date(1) with its zone)       | %+                        | Thu Mar  5 16:08:09 JST 2026           | Z                | 2026-03-05T07:08:09Z
            a space matches a run            | %Y-%m-%d %H:%M:%S         | 2026-01-02   03:04:05                  | Z                | 2026-01-02T03:04:05Z
            a space matches none             | %Y-%m-%d %H:%M:%S         | 2026-01-0203:04:05                     | Z                | 2026-01-02T03:04:05Z
            %n matches a tab                 | %Y-%m-%d%n%H:%M:%S        | 2026-01-02\t03:04:05                   | Z                | 2026-01-02T03:04:05Z
            winter offset of a DST zone      | %Y-%m-%d %H:%M            | 2026-01-15 12:00                       | America/New_York | 2026-01-15T17:00:00Z
            summer offset of a DST zone      | %Y-%m-%d %H:%M            | 2026-07-15 12:00                       | America/New_York | 2026-07-15T16:00:00Z
            a region name in the text        | %Y-%m-%d %H:%M %Z         | 2026-01-15 12:00 America/New_York      | Asia/Tokyo       | 2026-01-15T17:00:00Z
            Etc/GMT-9 is nine hours east     | %Y-%m-%d %H:%M %Z         | 2026-01-15 12:00 Etc/GMT-9             | Z                | 2026-01-15T03:00:00Z
            """)
    void parses(String what, String format, String text, ZoneId zone, String instant) {
        assertEquals(at(instant), parse(format, text, zone));
    }

    @ParameterizedTest(name = "{0}: {1} refuses ''{2}''")
    @CsvSource(delimiter = '|', textBlock = """
            # what                   | format            | text                              | zone
            not the separator        | %Y-%m-%d          | 2026/01/02                        | Z
            not a month name         | %d/%b/%Y          | 28/Foo/2013                       | Z
            month 13                 | %Y-%m-%d          | 2026-13-02                        | Z
            February 30              | %Y-%m-%d          | 2026-02-30                        | Z
            offset past 24 hours     | %H:%M %z          | 10:00 +25:00                      | Z
            an unknown region name   | %Y-%m-%d %H:%M %Z | 2026-01-15 12:00 Mars/Olympus     | Asia/Tokyo
            """)
    void refuses(String what, String format, String text, ZoneId zone) {
        assertThrows(IllegalArgumentException.class, () -> parse(format, text, zone));
    }

    @Test
    void onlyAFormatWithAnOffsetOrZoneHasAZone() {
        assertTrue(Strptime.compile("%d/%b/%Y:%H:%M:%S %z").hasZone());
        assertFalse(Strptime.compile("%Y-%m-%d %H:%M:%S").hasZone());
    }

    @Test
    void epochSeconds() {
        assertEquals(new EventTime(1362020400, 0), parse("%s", "1362020400", TOKYO));
        assertEquals(new EventTime(1362020400, 123000000), parse("%Q", "1362020400123", TOKYO));
    }

    @Test
    void anUnknownDirectiveIsABadFormat() {
        assertThrows(IllegalArgumentException.class, () -> Strptime.compile("%Y-%q"));
    }

    /**
     * The cases out_elasticsearch's time_key_format twin read, each kept with the offset the text was in; region names
     * (which that twin read through java.time's zone ids) with their offset of that date.
     */
    @ParameterizedTest(name = "{0}: {1} reads ''{2}''")
    @CsvSource(delimiter = '|', textBlock = """
            # what                      | format                   | text                                    | instant                   | offset
            offset +0100                | %Y%m%d %H%M%S %z         | 20261121 054743 +0100                   | 2026-11-21T04:47:43Z      | +01:00
            epoch seconds               | %s                       | 1795236463                              | 2026-11-21T04:47:43Z      | Z
            no offset is UTC            | %Y-%m-%dT%H:%M:%S        | 2026-11-21T04:47:43                     | 2026-11-21T04:47:43Z      | Z
            milliseconds, offset -02:00 | %Y-%m-%dT%H:%M:%S.%L%:z  | 2026-11-21T02:47:43.12-02:00            | 2026-11-21T04:47:43.12Z   | -02:00
            %F %T and +09:00            | %F %T %z                 | 2026-11-21 13:47:43 +09:00              | 2026-11-21T04:47:43Z      | +09:00
            lower-case month, offset Z  | %d/%b/%Y:%H:%M:%S %z     | 21/nov/2026:04:47:43 Z                  | 2026-11-21T04:47:43Z      | Z
            %R and a literal %          | %F %R:%S%%               | 2026-11-21 04:47:43%                    | 2026-11-21T04:47:43Z      | Z
            names and a 12-hour clock   | %A %d %B %Y %I:%M:%S %p  | Saturday 21 November 2026 04:47:43 AM   | 2026-11-21T04:47:43Z      | Z
            region in winter            | %Y-%m-%d %H:%M:%S %Z     | 2026-11-21 05:47:43 Europe/Paris        | 2026-11-21T04:47:43Z      | +01:00
            region in summer            | %Y-%m-%d %H:%M:%S %Z     | 2026-07-01 12:00:00 Europe/Paris        | 2026-07-01T10:00:00Z      | +02:00
            """)
    void wholeTextKeepsTheOffsetItWasWrittenIn(String what, String format, String text, String instant, ZoneOffset offset) {
        assertEquals(new Strptime.Zoned(at(instant), offset), whole(format, text));
    }

    @Test
    void onlyTheWholeTextFormRefusesTextLeftOver() {
        assertThrows(IllegalArgumentException.class, () -> whole("%Y-%m-%d", "2026-11-21 left over"));
        assertEquals(at("2026-11-21T00:00:00Z"), Strptime.compile("%Y-%m-%d").parse("2026-11-21 left over", ZoneOffset.UTC, () -> NOW));
    }
}
