package io.floe.codec.event;

import java.time.Instant;

/** Fluentd's EventTime: seconds and nanoseconds since the epoch (msgpack ext type 0). */
public record EventTime(long seconds, int nanos) {

    public static EventTime now() {
        Instant i = Instant.now();
        return new EventTime(i.getEpochSecond(), i.getNano());
    }

    public static EventTime ofSeconds(long seconds) {
        return new EventTime(seconds, 0);
    }

    public Instant toInstant() {
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
