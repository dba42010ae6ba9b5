package io.floe.outputs.elasticsearch;

import io.floe.api.Chunk;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the events of a chunk's remainder sat in the chunk as first written, so that {@code id_generation
 * deterministic} gives a retried event the very id it had the first time.
 *
 * <p>Why: an attempt can index an event and never say so (a timeout, an answer cut off), and the next attempt can see
 * that same event refused with 429 (the shard's queue was full, so Elasticsearch never looked for the id). If the
 * remainder's events then got ids of their own, that event would be indexed twice.
 *
 * <p>Kept in memory, for the chunks now being retried (capped: a chunk the engine gives up on is forgotten in time).
 * After a restart a remainder falls back to the ids of its own generation ({@link DocumentIds}), which still never
 * collide with the events already written.
 */
final class RemainderPositions {
    private static final int MAX_CHUNKS = 10_000;

    /** The chunk's event count as first written and, for each event of the remainder in order, its position then. */
    record Origin(int count, int[] positions) {
    }

    private final Map<String, Origin> byChunk = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Origin> eldest) {
            return size() > MAX_CHUNKS;
        }
    };

    /** Null when the chunk is written whole (or is a remainder this process did not hand back). */
    synchronized Origin of(Chunk chunk) {
        Origin o = byChunk.get(chunk.id());
        return o != null && o.positions().length == chunk.records() ? o : null;
    }

    /** After a write: what comes back of this chunk (nothing, or the events at {@code retried}) keeps its first ids. */
    synchronized void handedBack(Chunk chunk, Origin origin, int[] retried) {
        if (retried.length == 0) {
            byChunk.remove(chunk.id());
        } else {
            byChunk.put(chunk.id(), new Origin(origin != null ? origin.count() : chunk.records(), retried));
        }
    }
}
