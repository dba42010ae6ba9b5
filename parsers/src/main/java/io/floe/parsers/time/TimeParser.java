package io.floe.parsers.time;

import io.floe.codec.event.EventTime;

/**
 * Reads an event time from a field value, as Fluentd's TimeParser / NumericTimeParser / MixedTimeParser do.
 * Implementations are immutable (apart from a lock-free cache) and thread-safe.
 */
@FunctionalInterface
public interface TimeParser {
    /** @throws io.floe.parsers.ParserException with Fluentd's "invalid time format" message */
    EventTime parse(Object value);
}
