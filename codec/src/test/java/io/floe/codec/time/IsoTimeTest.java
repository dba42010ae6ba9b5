package io.floe.codec.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.floe.codec.event.EventTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Time.iso8601 without a regex: what Docker and CRI logs carry. */
class IsoTimeTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final EventTime NOW = at("2026-11-21T04:41:58.296931505Z");

    private static EventTime at(String isoInstant) {
        Instant i = Instant.parse(isoInstant);
        return new EventTime(i.getEpochSecond(), i.getNano());
    }

    @Test
    void isoTimeFractionDigitsOneToNineAndOffsets() {
        String base = "2026-11-21T06:46:31";
        String digits = "011271025";
        for (int n = 1; n <= 9; n++) {
            String frac = digits.substring(0, n);
            int nanos = Integer.parseInt((frac + "000000000").substring(0, 9));
            assertEquals(new EventTime(at(base + "Z").seconds(), nanos), IsoTime.parse(base + "." + frac + "Z", UTC, () -> NOW), frac);
        }
        assertEquals(at("2026-11-21T06:46:31Z"), IsoTime.parse(base + "Z", UTC, () -> NOW));
        assertEquals(at("2026-11-21T06:46:31.123456789Z"), IsoTime.parse(base + ".1234567891Z", UTC, () -> NOW));
        assertEquals(at("2026-11-21T04:46:31Z"), IsoTime.parse(base + "+02:00", UTC, () -> NOW));
        assertEquals(at("2026-11-21T04:46:31Z"), IsoTime.parse("2026-11-21 06:46:31+0200", UTC, () -> NOW));
        assertNull(IsoTime.parse("2026-11-21T06:46:31.Z", UTC, () -> NOW));
        assertNull(IsoTime.parse("2026-13-21T06:46:31Z", UTC, () -> NOW));
        assertNull(IsoTime.parse("2026-11-21T06:46:31 garbage", UTC, () -> NOW));
    }
}
