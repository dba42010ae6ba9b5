package io.floe.codec.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.codec.text.RubyText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

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

    @Test
    void dateAndTimeDirectives() {
        assertEquals("2026-03-05 07:08:09", f("%Y-%m-%d %H:%M:%S", ZoneOffset.UTC));
        assertEquals("2026-03-05T07:08:09", f("%FT%T", ZoneOffset.UTC));
        assertEquals("26 064  5 Thu Mar 1772694489 %", f("%y %j %e %a %b %s %%", ZoneOffset.UTC));
        assertEquals("Thursday March 07 AM 4 4", f("%A %B %I %p %u %w", ZoneOffset.UTC));
        assertEquals("7 3 5|THU", f("%-H %-m %-d|%^a", ZoneOffset.UTC));
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

    @Test
    void flagsWidthsAndShorthands() {
        assertEquals("  7|007|007|07:08:09 AM|03/05/26|Thu Mar  5 07:08:09 2026", f("%_3H|%03H|%3H|%r|%D|%c", ZoneOffset.UTC));
        assertEquals(" 7| 7|07|20|am|AM|  Thu", f("%k|%l|%I|%C|%P|%^p|%5a", ZoneOffset.UTC));
        assertEquals("a\tb\nc", f("a%tb%nc", ZoneOffset.UTC));
        assertEquals("%:Y", f("%:Y", ZoneOffset.UTC));
        // The shorthands strptime read and strftime did not: one table for both now.
        assertEquals(" 5-MAR-2026|Thu Mar  5 07:08:09 UTC 2026", f("%v|%+", ZoneOffset.UTC));
    }

    @Test
    void rubyFloatToS() {
        assertEquals("1.5", RubyText.floatToS(1.5));
        assertEquals("3.0", RubyText.floatToS(3));
        assertEquals("-0.25", RubyText.floatToS(-0.25));
        assertEquals("0.0001", RubyText.floatToS(0.0001));
        assertEquals("1.0e-05", RubyText.floatToS(0.00001));
        assertEquals("1000000000000000.0", RubyText.floatToS(1e15));
        assertEquals("1.0e+16", RubyText.floatToS(1e16));
        assertEquals("1.234e+20", RubyText.floatToS(1.234e20));
        assertEquals("0.0", RubyText.floatToS(0));
    }
}
