package io.floe.codec.time;

import io.floe.codec.event.EventTime;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.function.Supplier;

/**
 * The fields a time text gave, turned into an EventTime the way Ruby's {@code Time.strptime} does: fields
 * missing before the first one given are taken from the current time in the target zone (so a syslog
 * {@code Feb  5 17:32:18} is this year), later missing ones are their minimum. Mutable; one per parse.
 */
final class DateFields {
    static final int UNSET = Integer.MIN_VALUE;

    int year = UNSET;
    int century = UNSET;
    int yearOfCentury = UNSET;
    int month = UNSET;
    int day = UNSET;
    int yday = UNSET;
    int hour = UNSET;
    int minute = UNSET;
    int second = UNSET;
    int nanos = UNSET;
    int meridian = UNSET; // 0 am, 12 pm
    int offset = UNSET;
    ZoneId zone;          // a region named in the text (%Z Europe/Paris), used where no offset was given
    int appliedOffset;    // the offset the result was computed with, set by toEventTime
    long epochSeconds;
    boolean epochSet;

    EventTime toEventTime(ZoneId zoneWithoutOffset, Supplier<EventTime> clock) {
        ZoneId defaultZone = zone != null ? zone : zoneWithoutOffset;
        if (epochSet) {
            appliedOffset = 0;
            return new EventTime(epochSeconds, nanos == UNSET ? 0 : nanos);
        }
        if (yearOfCentury != UNSET && year == UNSET) {
            year = century != UNSET ? century * 100 + yearOfCentury : yearOfCentury + (yearOfCentury < 69 ? 2000 : 1900);
        } else if (century != UNSET && year == UNSET) {
            year = century * 100;
        }
        if (hour != UNSET && meridian != UNSET) {
            hour = hour % 12 + meridian;
        }
        if (year == UNSET && month == UNSET && day == UNSET && yday == UNSET && hour == UNSET && minute == UNSET
                && second == UNSET && nanos == UNSET) {
            throw new IllegalArgumentException("no time information");
        }
        fillFromNow(defaultZone, clock);
        LocalDate date;
        try {
            date = yday != UNSET && month == UNSET ? LocalDate.ofYearDay(year, yday) : LocalDate.of(year, orMin(month, 1), orMin(day, 1));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        long local = date.toEpochDay() * 86400 + orMin(hour, 0) * 3600L + orMin(minute, 0) * 60L + orMin(second, 0);
        int off = offset != UNSET ? offset : offsetAt(defaultZone, date);
        appliedOffset = off;
        return new EventTime(local - off, orMin(nanos, 0));
    }

    private int offsetAt(ZoneId zone, LocalDate date) {
        if (zone instanceof ZoneOffset o) {
            return o.getTotalSeconds();
        }
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            return rules.getOffset(java.time.Instant.EPOCH).getTotalSeconds();
        }
        LocalDateTime at = date.atTime(Math.min(orMin(hour, 0), 23), Math.min(orMin(minute, 0), 59), Math.min(orMin(second, 0), 59));
        return rules.getOffset(at).getTotalSeconds();
    }

    private void fillFromNow(ZoneId zone, Supplier<EventTime> clock) {
        if (year != UNSET) {
            return;
        }
        EventTime now = clock.get();
        ZoneId z = offset != UNSET ? ZoneOffset.ofTotalSeconds(offset) : zone;
        LocalDateTime n = LocalDateTime.ofEpochSecond(now.seconds(), 0, z.getRules().getOffset(now.toInstant()));
        year = n.getYear();
        if (month != UNSET || yday != UNSET) {
            return;
        }
        month = n.getMonthValue();
        if (day != UNSET) {
            return;
        }
        day = n.getDayOfMonth();
        if (hour != UNSET) {
            return;
        }
        hour = n.getHour();
        if (minute != UNSET) {
            return;
        }
        minute = n.getMinute();
        if (second != UNSET) {
            return;
        }
        second = n.getSecond();
    }

    private static int orMin(int v, int min) {
        return v == UNSET ? min : v;
    }
}
