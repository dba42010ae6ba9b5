package io.floe.buffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Fluentd's memory buffer: chunks live on the heap and are lost with the process. Holds the batches it
 * is given without copying them.
 */
public final class MemoryChunkBuffer implements ChunkBuffer {
    /** Fluentd's {@code chunk_full_threshold}: a chunk this full is queued at once. */
    private static final double CHUNK_FULL_THRESHOLD = 0.95;

    private final BufferLimits limits;
    private final Supplier<String> ids;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final Condition space = lock.newCondition();
    private final Map<ChunkKey, BufferChunk> stage = new LinkedHashMap<>();
    private final Deque<BufferChunk> queue = new ArrayDeque<>();
    private long stageBytes;
    private long queueBytes;
    private long dropped;
    private boolean closed;

    public MemoryChunkBuffer(BufferLimits limits, Supplier<String> ids) {
        this.limits = limits;
        this.ids = ids;
    }

    public MemoryChunkBuffer(BufferLimits limits) {
        this(limits, () -> UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public void write(ChunkKey key, Segment batch) throws BufferOverflowException, InterruptedException {
        lock.lock();
        try {
            makeRoom(batch.length());
            BufferChunk chunk = stage.get(key);
            if (chunk != null && chunk.records() > 0 && wouldOverflow(chunk, batch)) {
                moveToQueue(chunk);
                chunk = null;
            }
            if (chunk == null) {
                chunk = new BufferChunk(ids.get(), key, System.currentTimeMillis());
                stage.put(key, chunk);
            }
            chunk.append(batch);
            stageBytes += batch.length();
            if (chunk.bytes() >= limits.chunkLimitSize() * CHUNK_FULL_THRESHOLD
                    || (limits.chunkLimitRecords() > 0 && chunk.records() >= limits.chunkLimitRecords())) {
                moveToQueue(chunk);
            }
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
        return true;
    }

    private void moveToQueue(BufferChunk chunk) {
        stage.remove(chunk.key(), chunk);
        stageBytes -= chunk.bytes();
        queueBytes += chunk.bytes();
        queue.addLast(chunk);
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
            while (queue.isEmpty() && left > 0 && !closed) {
                left = queued.awaitNanos(left);
            }
            return !queue.isEmpty();
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
            BufferChunk rest = new BufferChunk(chunk.id(), chunk.key(), chunk.createdMillis());
            remaining.forEach(rest::append);
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
        lock.lock();
        try {
            return stage.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int queueLength() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long stageBytes() {
        lock.lock();
        try {
            return stageBytes;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long queueBytes() {
        lock.lock();
        try {
            return queueBytes;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long totalLimit() {
        return limits.totalLimitSize();
    }

    @Override
    public long droppedChunks() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queued.signalAll();
            space.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
