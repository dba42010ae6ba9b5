package io.floe.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.buffer.ChunkKey;
import io.floe.buffer.Segment;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Splitting a batch by chunk keys: a one-key batch is not copied; a mixed one is cut into exact-size parts. */
class ChunkKeysTest {
    private final ChunkKeys byTimeAndHost = ChunkKeys.parse("time,host", 3600, ZoneOffset.UTC);

    @Test
    void aBatchOfOneKeyIsKeptWithoutACopy() throws Exception {
        EventStream events = new EventStreamWriter()
                .add(new EventTime(7200, 0), Map.of("host", "a", "n", 1))
                .add(new EventTime(7300, 0), Map.of("host", "a", "n", 2)).build();
        Map<ChunkKey, Segment> parts = byTimeAndHost.split("t", events);
        assertEquals(1, parts.size());
        Segment s = parts.values().iterator().next();
        assertSame(events.array(), s.data(), "the emitted bytes themselves");
        assertEquals(new ChunkKey(null, 7200, Map.of("host", "a")), parts.keySet().iterator().next());
    }

    @Test
    void aMixedBatchIsCutIntoPartsOfExactlyTheirSizeInOrder() throws Exception {
        EventStream events = new EventStreamWriter()
                .add(new EventTime(7200, 1), Map.of("host", "a", "n", 1))
                .add(new EventTime(7201, 2), Map.of("host", "b", "n", 2))
                .add(new EventTime(10800, 3), Map.of("host", "a", "n", 3))
                .add(new EventTime(7202, 4), Map.of("host", "a", "n", 4)).build();
        Map<ChunkKey, Segment> parts = byTimeAndHost.split("t", events);
        assertEquals(List.of(new ChunkKey(null, 7200, Map.of("host", "a")), new ChunkKey(null, 7200, Map.of("host", "b")),
                new ChunkKey(null, 10800, Map.of("host", "a"))), List.copyOf(parts.keySet()));
        Segment first = parts.get(new ChunkKey(null, 7200, Map.of("host", "a")));
        assertEquals(Math.max(64, first.length()), first.data().length, "allocated at its exact size (a writer takes 64 bytes at least)");
        List<io.floe.codec.event.Event> decoded = new EventStream(first.data(), first.offset(), first.length(), first.records()).decode();
        assertEquals(List.of(1L, 4L), decoded.stream().map(e -> ((Number) e.record().get("n")).longValue()).toList());
        assertEquals(new EventTime(7202, 4), decoded.get(1).time());
        int total = parts.values().stream().mapToInt(Segment::records).sum();
        assertEquals(4, total);
    }
}
