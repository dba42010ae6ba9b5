package io.floe.buffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The staging, queueing and limits every buffer shares (Fluentd's stage and queue, chunk limits,
 * {@code overflow_action}); subclasses decide where a chunk's batches are kept.
 */
public abstract class AbstractChunkBuffer implements ChunkBuffer {
    /** Fluentd's {@code chunk_full_threshold}: a chunk this full is queued at once. */
    private static final double CHUNK_FULL_THRESHOLD = 0.95;

    private final BufferLimits limits;
    protected final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final Condition space = lock.newCondition();
    /** Releases what the storage holds open; called once, under the lock. */
    protected void closeStorage() {
    }

    private final Map<ChunkKey, BufferChunk> stage = new LinkedHashMap<>();
    private final Deque<BufferChunk> queue = new ArrayDeque<>();
    private long stageBytes;
    private long queueBytes;
    private long dropped;
    private boolean closed;
    private long wakeUps;
    private long droppedRecords;

    protected AbstractChunkBuffer(BufferLimits limits) {
        this.limits = limits;
    }

    /** A new, empty staged chunk. */
    protected abstract BufferChunk newChunk(ChunkKey key, long nowMillis);

    /**
     * Work on a batch that needs no lock, done before the write takes the buffer's lock, so that
     * several inputs write at once: a file buffer copies the bytes to disk here. Returns what
     * {@link #store} needs to know of it. Throws when the storage has no room for it.
     */
    protected Object prepare(Segment batch) throws BufferOverflowException {
        return null;
    }

    /** The write of a prepared batch was refused (buffer full or closed): undo what prepare did. */
    protected void abandoned(Object prepared) {
    }

    /** Keeps a batch as part of the chunk; for a file buffer, on disk before this returns. */
    protected abstract void store(BufferChunk chunk, Segment batch, Object prepared);

    /** The chunk moved from the stage to the queue. */
    protected void enqueued(BufferChunk chunk) {
    }

    /** The chunk is gone: written, or dropped by {@code drop_oldest_chunk}. */
    protected void purged(BufferChunk chunk) {
    }

    /** A chunk holding only {@code remaining}, replacing {@code chunk} (already queued). */
    protected abstract BufferChunk rebuild(BufferChunk chunk, List<Segment> remaining);

    /** Called once a write's batches are all stored. */
    protected void written() {
    }

    /** Restores chunks found on disk at start-up: staged ones by key, queued ones in order. */
    protected final void restore(List<BufferChunk> staged, List<BufferChunk> queued) {
        for (BufferChunk c : staged) {
            stage.put(c.key(), c);
            stageBytes += c.bytes();
        }
        for (BufferChunk c : queued) {
            queue.addLast(c);
            queueBytes += c.bytes();
        }
    }

    /** True when nothing is staged, queued or being written. */
    protected final boolean isEmpty() {
        return stage.isEmpty() && queue.isEmpty() && stageBytes + queueBytes == 0;
    }

    @Override
    public void write(ChunkKey key, Segment batch) throws BufferOverflowException, InterruptedException {
        Object prepared;
        try {
            prepared = prepare(batch);
        } catch (BufferOverflowException e) {
            throw e;
        } catch (RuntimeException | InternalError e) {
            // A full or failing disk: refuse the write, so nothing is acknowledged that is not held.
            throw new BufferOverflowException("buffer write failed: " + e);
        }
        lock.lock();
        try {
            try {
                makeRoom(batch.length());
            } catch (BufferOverflowException | InterruptedException e) {
                abandoned(prepared);
                throw e;
            }
            BufferChunk chunk = stage.get(key);
            if (chunk != null && chunk.records() > 0 && wouldOverflow(chunk, batch)) {
                moveToQueue(chunk);
                chunk = null;
            }
            if (chunk == null) {
                chunk = newChunk(key, System.currentTimeMillis());
                stage.put(key, chunk);
            }
            long before = chunk.bytes();
            try {
                store(chunk, batch, prepared);
            } catch (RuntimeException | InternalError e) {
                // A full or failing disk: refuse the write, so nothing is acknowledged that is not held.
                throw new BufferOverflowException("buffer write failed: " + e);
            }
            stageBytes += chunk.bytes() - before;
            if (chunk.bytes() >= limits.chunkLimitSize() * CHUNK_FULL_THRESHOLD
                    || (limits.chunkLimitRecords() > 0 && chunk.records() >= limits.chunkLimitRecords())) {
                moveToQueue(chunk);
            }
            written();
        } finally {
            lock.unlock();
        }
    }

    private boolean wouldOverflow(BufferChunk chunk, Segment batch) {
        return chunk.bytes() + batch.length() > limits.chunkLimitSize()
                || (limits.chunkLimitRecords() > 0 && chunk.records() + batch.records() > limits.chunkLimitRecords());
    }

    private void makeRoom(long need) throws BufferOverflowException, InterruptedException {
        while (stageBytes + queueBytes + need > limits.totalLimitSize() && stageBytes + queueBytes > 0) {
            switch (limits.overflowAction()) {
                case THROW_EXCEPTION -> throw new BufferOverflowException(
                        "buffer space has too many data (" + (stageBytes + queueBytes) + " of " + limits.totalLimitSize() + " bytes)");
                case BLOCK -> {
                    if (closed) {
                        throw new BufferOverflowException("buffer is closed");
                    }
                    space.await(100, TimeUnit.MILLISECONDS);
                }
                case DROP_OLDEST_CHUNK -> {
                    if (!dropOldest()) {
                        throw new BufferOverflowException("buffer is full and no queued chunk can be dropped");
                    }
                }
            }
        }
    }

    private boolean dropOldest() {
        BufferChunk oldest = queue.pollFirst();
        if (oldest == null) {
            Iterator<BufferChunk> it = stage.values().iterator();
            if (!it.hasNext()) {
                return false;
            }
            oldest = it.next();
            it.remove();
            stageBytes -= oldest.bytes();
        } else {
            queueBytes -= oldest.bytes();
        }
        dropped++;
        droppedRecords += oldest.records();
        purged(oldest);
        return true;
    }

    private void moveToQueue(BufferChunk chunk) {
        stage.remove(chunk.key(), chunk);
        stageBytes -= chunk.bytes();
        queueBytes += chunk.bytes();
        queue.addLast(chunk);
        enqueued(chunk);
        queued.signalAll();
    }

    @Override
    public void enqueue(Predicate<BufferChunk> due) {
        lock.lock();
        try {
            for (BufferChunk c : new ArrayList<>(stage.values())) {
                if (due.test(c)) {
                    moveToQueue(c);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitQueued(long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            long seen = wakeUps;
            while (queue.isEmpty() && left > 0 && !closed && seen == wakeUps) {
                left = queued.awaitNanos(left);
            }
            return !queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void wakeUp() {
        lock.lock();
        try {
            wakeUps++;
            queued.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public BufferChunk take() {
        lock.lock();
        try {
            return queue.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void purge(BufferChunk chunk) {
        lock.lock();
        try {
            queueBytes -= chunk.bytes();
            purged(chunk);
            space.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void takeBack(BufferChunk chunk) {
        lock.lock();
        try {
            queue.addFirst(chunk);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void takeBackPartly(BufferChunk chunk, List<Segment> remaining) {
        lock.lock();
        try {
            BufferChunk rest = rebuild(chunk, remaining);
            queueBytes -= chunk.bytes() - rest.bytes();
            queue.addFirst(rest);
            space.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<BufferChunk> staged() {
        lock.lock();
        try {
            return List.copyOf(stage.values());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int stageLength() {
        return (int) gauge(stage::size);
    }

    @Override
    public int queueLength() {
        return (int) gauge(queue::size);
    }

    @Override
    public long stageBytes() {
        return gauge(() -> stageBytes);
    }

    @Override
    public long queueBytes() {
        return gauge(() -> queueBytes);
    }

    @Override
    public long totalLimit() {
        return limits.totalLimitSize();
    }

    @Override
    public long droppedChunks() {
        return gauge(() -> dropped);
    }

    @Override
    public long droppedRecords() {
        return gauge(() -> droppedRecords);
    }

    /** A gauge's value, read under the lock every change to it holds. */
    private long gauge(LongSupplier value) {
        lock.lock();
        try {
            return value.getAsLong();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            closeStorage();
            queued.signalAll();
            space.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
