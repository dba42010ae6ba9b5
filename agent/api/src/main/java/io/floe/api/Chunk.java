package io.floe.api;

import io.floe.codec.event.EventStream;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What an output writes at once: events that share the buffer's chunk keys, kept as the tagged
 * streams they arrived in (a chunk keyed only by time still holds events of several tags).
 *
 * @param id        unique id (32 hex chars, as Fluentd's chunk ids)
 * @param tag       the tag when {@code tag} is a chunk key, else null
 * @param slice     the time slice when {@code time} is a chunk key, else null
 * @param variables values of record-field chunk keys
 */
public record Chunk(String id, String tag, TimeSlice slice, Map<String, String> variables, List<Tagged> streams) {

    /** Events of one tag. */
    public record Tagged(String tag, EventStream events) {
    }

    /** A {@code time} chunk key's slice: start (epoch seconds), length in seconds, and the zone of {@code timekey_zone}. */
    public record TimeSlice(long start, long seconds, ZoneId zone) {
    }

    public int records() {
        int n = 0;
        for (Tagged t : streams) {
            n += t.events().count();
        }
        return n;
    }

    public long bytes() {
        long n = 0;
        for (Tagged t : streams) {
            n += t.events().length();
        }
        return n;
    }

    /** A chunk of one tagged stream, not keyed by time: what an unbuffered output is handed. */
    public static Chunk of(String tag, EventStream events) {
        return new Chunk(ChunkIds.next(), tag, null, Map.of(), List.of(new Tagged(tag, events)));
    }
}
