package io.floe.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class MemoryChunkBufferTest {
    static final ChunkKey A = new ChunkKey("a", -1, Map.of());
    static final ChunkKey B = new ChunkKey("b", -1, Map.of());

    static Segment seg(String tag, int size, int records) {
        return new Segment(tag, new byte[size], 0, size, records);
    }

    static MemoryChunkBuffer buffer(long chunk, long total, OverflowAction action) {
        return new MemoryChunkBuffer(new BufferLimits(chunk, 0, total, action));
    }

    /** 100-byte chunks and 250 bytes in all, with a 100-byte segment of A written for each tag: there is room for two. */
    static MemoryChunkBuffer nearTheTotalLimit(OverflowAction action, String... tags) throws Exception {
        MemoryChunkBuffer b = buffer(100, 250, action);
        for (String tag : tags) {
            b.write(A, seg(tag, 100, 1));
        }
        return b;
    }

    @Test
    void keysHaveTheirOwnChunksAndAFullChunkIsQueued() throws Exception {
        MemoryChunkBuffer b = buffer(1000, 10_000, OverflowAction.THROW_EXCEPTION);
        b.write(A, seg("a", 400, 1));
        b.write(B, seg("b", 400, 1));
        b.write(A, seg("a", 400, 1));
        assertEquals(2, b.stageLength());
        assertEquals(0, b.queueLength());
        b.write(A, seg("a", 400, 1)); // would pass 1000 bytes: the staged chunk of A is queued first
        assertEquals(1, b.queueLength());
        BufferChunk c = b.take();
        assertEquals(A, c.key());
        assertEquals(800, c.bytes());
        assertEquals(2, c.segments().size());
        b.purge(c);
        assertEquals(800, b.stageBytes());
        assertEquals(0, b.queueBytes());
    }

    @Test
    void chunkLimitRecordsQueuesAChunk() throws Exception {
        MemoryChunkBuffer b = new MemoryChunkBuffer(new BufferLimits(1 << 20, 3, 1 << 30, OverflowAction.BLOCK));
        b.write(A, seg("a", 10, 2));
        b.write(A, seg("a", 10, 1));
        assertEquals(1, b.queueLength());
    }

    @Test
    void throwExceptionRefusesAtTheTotalLimit() throws Exception {
        MemoryChunkBuffer b = nearTheTotalLimit(OverflowAction.THROW_EXCEPTION, "a", "a");
        assertThrows(BufferOverflowException.class, () -> b.write(A, seg("a", 100, 1)));
    }

    @Test
    void dropOldestChunkMakesRoomAndCounts() throws Exception {
        MemoryChunkBuffer b = nearTheTotalLimit(OverflowAction.DROP_OLDEST_CHUNK, "first", "second", "third");
        assertEquals(1, b.droppedChunks());
        BufferChunk oldest = b.take();
        assertEquals("second", oldest.segments().get(0).tag());
    }

    @Test
    void blockWaitsForSpaceWithoutFailing() throws Exception {
        MemoryChunkBuffer b = nearTheTotalLimit(OverflowAction.BLOCK, "a", "a");
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
            try {
                b.write(A, seg("a", 100, 1));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(30)).until(() -> !blocked.isDone());
        b.purge(b.take());
        blocked.get(30, TimeUnit.SECONDS);
        assertEquals(200, b.stageBytes() + b.queueBytes());
    }

    @Test
    void aWriteBackPartlyKeepsOnlyTheRestAtTheHead() throws Exception {
        MemoryChunkBuffer b = buffer(1000, 10_000, OverflowAction.THROW_EXCEPTION);
        b.write(A, seg("a", 100, 1));
        b.write(A, seg("a", 100, 1));
        b.enqueue(c -> true);
        BufferChunk c = b.take();
        assertNull(b.take());
        Segment rest = seg("a", 50, 1);
        b.takeBackPartly(c, List.of(rest));
        BufferChunk again = b.take();
        assertEquals(50, again.bytes());
        assertSame(rest, again.segments().get(0));
        assertEquals(50, b.queueBytes());
    }

    @Test
    void awaitQueuedWakesOnEnqueue() throws Exception {
        MemoryChunkBuffer b = buffer(1000, 10_000, OverflowAction.THROW_EXCEPTION);
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return b.awaitQueued(TimeUnit.SECONDS.toNanos(10));
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        b.write(A, seg("a", 10, 1));
        b.enqueue(c -> true);
        assertTrue(waiting.get(5, TimeUnit.SECONDS));
    }
}
