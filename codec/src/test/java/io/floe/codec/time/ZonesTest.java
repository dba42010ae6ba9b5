package io.floe.codec.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Fluentd's timezone parameter, which parsers and formatters read through the one Zones. */
class ZonesTest {
    @Test
    void timezoneParameterForms() {
        assertEquals(ZoneOffset.ofHours(9), Zones.parameter("+09:00"));
        assertEquals(ZoneOffset.ofHours(9), Zones.parameter("+0900"));
        assertEquals(ZoneOffset.ofHours(-5), Zones.parameter("-05"));
        assertEquals(ZoneOffset.ofHoursMinutes(5, 30), Zones.parameter("+05:30"));
        assertEquals(ZoneId.of("Asia/Tokyo"), Zones.parameter("Asia/Tokyo"));
        assertEquals("Unsupported timezone 'Mars/Olympus'",
                assertThrows(IllegalArgumentException.class, () -> Zones.parameter("Mars/Olympus")).getMessage());
    }
}
