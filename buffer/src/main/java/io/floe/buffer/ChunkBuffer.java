package io.floe.buffer;

import java.util.List;
import java.util.function.Predicate;

/**
 * A buffered output's chunks: writes go into a staged chunk per {@link ChunkKey}; a staged chunk is
 * enqueued when full or when its flush is due; the flusher takes queued chunks, writes them, and then
 * purges them (success) or takes them back (retry). Knows bytes and keys, nothing of plugins.
 */
public interface ChunkBuffer extends AutoCloseable {

    /**
     * Appends one batch to the staged chunk of {@code key}. Returns once the batch is held by the buffer
     * (on disk, for a file buffer). Blocks, throws or drops the oldest chunk at the total limit,
     * following the {@link OverflowAction}.
     */
    void write(ChunkKey key, Segment batch) throws BufferOverflowException, InterruptedException;

    /** Moves the staged chunks the predicate selects to the queue. */
    void enqueue(Predicate<BufferChunk> due);

    /** Waits until a chunk is queued or the time is up; true when one is. */
    boolean awaitQueued(long timeoutNanos) throws InterruptedException;

    /** Housekeeping the flush threads call when idle, e.g. giving disk space back. */
    default void maintain() {
    }

    /** How soon {@link #maintain} has work to do, in nanoseconds; {@code Long.MAX_VALUE} when it has none. */
    default long maintenanceDueNanos() {
        return Long.MAX_VALUE;
    }

    /** Wakes every thread waiting in {@link #awaitQueued}, e.g. to let flush threads stop. */
    void wakeUp();

    /** The oldest queued chunk, marked in flight; null when the queue is empty. */
    BufferChunk take();

    /** The write of a taken chunk succeeded: forget it. */
    void purge(BufferChunk chunk);

    /** The write failed: the chunk goes back to the head of the queue. */
    void takeBack(BufferChunk chunk);

    /** Replaces a taken chunk by the part that still needs writing (an output rejected only some). */
    void takeBackPartly(BufferChunk chunk, List<Segment> remaining);

    List<BufferChunk> staged();

    int stageLength();

    int queueLength();

    long stageBytes();

    long queueBytes();

    long totalLimit();

    /** Chunks discarded by {@code drop_oldest_chunk}. */
    long droppedChunks();

    /** Events in the chunks discarded by {@code drop_oldest_chunk}. */
    long droppedRecords();

    @Override
    void close();
}
