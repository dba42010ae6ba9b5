package io.floe.agent.pipeline;

import static io.floe.agent.pipeline.RetryStateTest.buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.buffer.BufferChunk;
import io.floe.buffer.BufferLimits;
import io.floe.buffer.ChunkKey;
import io.floe.buffer.MemoryChunkBuffer;
import io.floe.buffer.OverflowAction;
import io.floe.buffer.Segment;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When staged chunks are due ({@code flush_mode}), computed on a real memory buffer. */
class FlushScheduleTest {
    private static final ChunkKeys BY_TIME = ChunkKeys.parse("time", 3600, ZoneOffset.UTC);
    private static final ChunkKeys BY_TAG = ChunkKeys.parse("tag", -1, ZoneOffset.UTC);

    private static BufferChunk staged(MemoryChunkBuffer b, long timekey) throws Exception {
        b.write(new ChunkKey("t", timekey, Map.of()), new Segment("t", new byte[] {1}, 0, 1, 1));
        return b.staged().get(0);
    }

    private static MemoryChunkBuffer memory() {
        return new MemoryChunkBuffer(new BufferLimits(1 << 20, 0, 8 << 20, OverflowAction.THROW_EXCEPTION));
    }

    @Test
    void theDefaultModeIsLazyWithATimeKeyAndIntervalOtherwise() {
        assertEquals(BufferConfig.FlushMode.LAZY, new FlushSchedule(buffer("timekey 1h"), BY_TIME).mode());
        assertEquals(BufferConfig.FlushMode.INTERVAL, new FlushSchedule(buffer(), BY_TAG).mode());
        assertTrue(new FlushSchedule(buffer("flush_mode immediate"), BY_TAG).immediate());
    }

    @Test
    void aLazyChunkIsDueWhenItsSliceAndTimekeyWaitAreOver() throws Exception {
        FlushSchedule lazy = new FlushSchedule(buffer("timekey 1h", "timekey_wait 10m"), BY_TIME);
        assertEquals((7200 + 3600 + 600) * 1000L, lazy.dueMillis(staged(memory(), 7200)));
    }

    @Test
    void anIntervalChunkIsDueFlushIntervalAfterItWasCreated() throws Exception {
        MemoryChunkBuffer b = memory();
        FlushSchedule interval = new FlushSchedule(buffer("flush_interval 1h", "flush_thread_interval 30s"), BY_TAG);
        BufferChunk c = staged(b, -1);
        assertEquals(c.createdMillis() + 3_600_000, interval.dueMillis(c));
        interval.enqueueDue(b);
        assertEquals(0, b.queueLength(), "not due for an hour");
        assertEquals(1, b.stageLength());
        long wait = interval.nanosUntilNextDue(b);
        assertTrue(wait <= TimeUnit.SECONDS.toNanos(30), "an idle thread looks again after flush_thread_interval at most");
        FlushSchedule now = new FlushSchedule(buffer("flush_mode immediate"), BY_TAG);
        assertEquals(0, now.dueMillis(c));
        now.enqueueDue(b);
        assertEquals(1, b.queueLength());
        assertFalse(b.staged().contains(c));
    }
}
