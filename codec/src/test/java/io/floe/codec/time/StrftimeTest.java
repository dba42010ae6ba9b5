package io.floe.codec.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ruby's strftime as out_file, the formatters, es index names and in_tail paths use it. */
class StrftimeTest {
    static final long T = epoch("2026-03-05T07:08:09Z"); // a Thursday
    static final int NS = 12_345_678;

    static long epoch(String iso) {
        return Instant.parse(iso).getEpochSecond();
    }

    static String f(String pattern, ZoneId zone) {
        return Strftime.compile(pattern).format(T, NS, zone);
    }

    /** Pattern; what Ruby prints for 2026-03-05T07:08:09.012345678Z in UTC (%v and %+ were strptime's only). */
    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', textBlock = """
            `%Y-%m-%d %H:%M:%S`       ; `2026-03-05 07:08:09`
            `%FT%T`                   ; `2026-03-05T07:08:09`
            `%y %j %e %a %b %s %%`    ; `26 064  5 Thu Mar 1772694489 %`
            `%A %B %I %p %u %w`       ; `Thursday March 07 AM 4 4`
            `%-H %-m %-d|%^a`         ; `7 3 5|THU`
            `%_3H|%03H|%3H|%r|%D|%c`  ; `  7|007|007|07:08:09 AM|03/05/26|Thu Mar  5 07:08:09 2026`
            `%k|%l|%I|%C|%P|%^p|%5a`  ; ` 7| 7|07|20|am|AM|  Thu`
            `%:Y`                     ; `%:Y`
            `%v|%+`                   ; ` 5-MAR-2026|Thu Mar  5 07:08:09 UTC 2026`
            """)
    void directivesFlagsAndShorthands(String pattern, String expected) {
        assertEquals(expected, f(pattern, ZoneOffset.UTC));
    }

    @Test
    void subsecondDirectivesTruncate() {
        assertEquals("012 012345678 012 012345 012345678", f("%L %N %3N %6N %9N", ZoneOffset.UTC));
        assertEquals("000000000", Strftime.compile("%N").format(T, 0, ZoneOffset.UTC));
        assertEquals("999", Strftime.compile("%L").format(T, 999_999_999, ZoneOffset.UTC));
    }

    @Test
    void zones() {
        assertEquals("+0000 +00:00 UTC", f("%z %:z %Z", ZoneOffset.UTC));
        assertEquals("16:08 +0900 +09:00 +09:00:00 JST", f("%H:%M %z %:z %::z %Z", ZoneId.of("Asia/Tokyo")));
        assertEquals("02:08 -0500 EST", f("%H:%M %z %Z", ZoneId.of("America/New_York")));
        assertEquals("EDT -0400", Strftime.compile("%Z %z").format(epoch("2026-07-01T12:00:00Z"), 0, ZoneId.of("America/New_York")));
        assertEquals("12:38 +0530", f("%H:%M %z", ZoneOffset.ofHoursMinutes(5, 30)));
    }

    @Test
    void literalsAndUnknownDirectivesAreKept() {
        assertEquals("/var/log/app.20260305_%J_x%", f("/var/log/app.%Y%m%d_%J_x%", ZoneOffset.UTC));
        assertEquals("a\tb\nc", f("a%tb%nc", ZoneOffset.UTC));
        assertTrue(Strftime.compile("a%Yb").hasDirectives());
        assertFalse(Strftime.compile("/var/log/plain%").hasDirectives());
    }

    /** What in_tail's path twin did: the date fields, {@code %%}, and an unknown directive kept as written. */
    @Test
    void tailPathsFillTheirDateFields() {
        long t = epoch("2026-03-07T04:05:06Z");
        assertEquals("/var/log/app/20260307/04.log", Strftime.compile("/var/log/app/%Y%m%d/%H.log").format(t, 0, ZoneOffset.UTC));
        assertEquals("/x/%Q-100%", Strftime.compile("/x/%Q-100%%").format(t, 0, ZoneOffset.UTC));
        assertEquals("/x/Sat-Saturday-Mar-March- 7-066", Strftime.compile("/x/%a-%A-%b-%B-%e-%j").format(t, 0, ZoneOffset.UTC));
        assertEquals("/var/log/13.log", Strftime.compile("/var/log/%H.log").format(t, 0, ZoneId.of("Asia/Tokyo")));
        assertEquals("/x/%", Strftime.compile("/x/%").format(t, 0, ZoneOffset.UTC));
    }
}
