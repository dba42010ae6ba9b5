package io.floe.parsers;

import io.floe.codec.event.EventTime;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/**
 * What a parser takes from its surroundings: the zone Fluentd calls "local time" (the process's TZ), the
 * clock for {@code estimate_current_event}, and the owning plugin's logger. Tests pass fixed ones.
 */
public record ParserEnv(ZoneId localZone, Supplier<EventTime> clock, Logger log) {

    public static ParserEnv of(Logger log) {
        return new ParserEnv(ZoneId.systemDefault(), EventTime::now, log);
    }

    public static ParserEnv system() {
        return of(NOPLogger.NOP_LOGGER);
    }
}
