package io.floe.buffer.file;

import io.floe.buffer.AbstractChunkBuffer;
import io.floe.buffer.BufferChunk;
import io.floe.buffer.BufferLimits;
import io.floe.buffer.ChunkKey;
import io.floe.buffer.Durability;
import io.floe.buffer.Segment;
import io.floe.buffer.StorageFullException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fluentd's file buffer, on a Chronicle Queue journal: a write returns once its batch is in the journal
 * (in the page cache, so it survives {@code kill -9}; forced to disk per {@link Durability}). Chunks are
 * rebuilt from the journal at start-up, staged and queued as they were. Journal files are deleted once
 * every chunk they hold is purged, and the whole journal is dropped when the buffer is empty, so disk use
 * falls back to almost nothing when the output keeps up.
 */
public final class FileChunkBuffer extends AbstractChunkBuffer {
    /** An empty buffer drops its journal once this much was written since the last drop. */
    private static final long RESET_AFTER_BYTES = 1L << 20;
    /** What a DATA record adds to its payload on disk (ids, key, tag, lengths), roughly. */
    private static final int RECORD_OVERHEAD = 64;
    /** What writes leave free on the buffer's file system for the journal (see {@link DiskSpace}). */
    public static final long DEFAULT_SPACE_RESERVE = DiskSpace.DEFAULT_RESERVE;
    /** How long an empty buffer must have had no writes before its journal is dropped. */
    private static final long IDLE_BEFORE_RESET_MS = 1000;

    private final Path dir;
    private final Journal journal;
    private final SegmentFiles data;
    private final Durability durability;
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private final DiskSpace space;
    private final BufferDamage damage;
    private final Map<Integer, Integer> liveByCycle = new HashMap<>();
    private ScheduledExecutorService syncThread;
    private long writtenSinceReset;
    private long lastWriteMillis;
    private boolean dirty;

    private FileChunkBuffer(BufferLimits limits, Path dir, Durability durability, FileChannel lockChannel, FileLock fileLock,
                            DiskSpace space, SegmentFiles data, Journal journal, BufferDamage damage) {
        super(limits);
        this.dir = dir;
        this.durability = durability;
        this.lockChannel = lockChannel;
        this.fileLock = fileLock;
        this.space = space;
        this.data = data;
        this.journal = journal;
        this.damage = damage;
    }

    /**
     * Opens (creating or recovering) the buffer in {@code dir}, which no other process may use at the
     * same time. With {@link Durability#INTERVAL}, a background thread forces writes every {@code syncInterval}.
     */
    public static FileChunkBuffer open(Path dir, BufferLimits limits, Durability durability, Duration syncInterval) throws IOException {
        return open(dir, limits, durability, syncInterval, LoggerFactory.getLogger(FileChunkBuffer.class), DEFAULT_SPACE_RESERVE,
                BufferDamage.logOnly());
    }

    /** As {@link #open(Path, BufferLimits, Durability, Duration)}, with the full-disk settings of the last overload. */
    public static FileChunkBuffer open(Path dir, BufferLimits limits, Durability durability, Duration syncInterval,
                                       Logger log, long reserve) throws IOException {
        return open(dir, limits, durability, syncInterval, log, reserve, BufferDamage.logOnly());
    }

    /** As {@link #open(Path, BufferLimits, Durability, Duration)}, with the damage handling of the last overload. */
    public static FileChunkBuffer open(Path dir, BufferLimits limits, Durability durability, Duration syncInterval,
                                       BufferDamage damage) throws IOException {
        return open(dir, limits, durability, syncInterval, LoggerFactory.getLogger(FileChunkBuffer.class), DEFAULT_SPACE_RESERVE,
                damage);
    }

    /**
     * As {@link #open(Path, BufferLimits, Durability, Duration)}, logging a full disk to {@code log} and refusing
     * writes while they would leave less than {@code reserve} bytes free on the file system (see {@link DiskSpace});
     * what start-up or a read finds damaged on disk and cannot deliver goes to {@code damage}, and the buffer goes on
     * with the rest.
     */
    public static FileChunkBuffer open(Path dir, BufferLimits limits, Durability durability, Duration syncInterval,
                                       Logger log, long reserve, BufferDamage damage) throws IOException {
        Files.createDirectories(dir);
        DiskSpace space = new DiskSpace(dir, reserve, log);
        if (space.critical()) {
            // Opening the journal writes through a memory map: on a full file system that is a SIGBUS, not an error.
            throw new IOException("buffer " + dir + ": its file system is full (" + DiskSpace.mib(space.free()) + " free); free some space and start again");
        }
        FileChannel ch = FileChannel.open(dir.resolve("floe.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IOException("buffer directory " + dir + " is in use by another process or another output (give each buffered output its own @id or path)");
        }
        FileChunkBuffer b;
        try {
            SegmentFiles data = new SegmentFiles(dir, space::roomForSpares);
            Recovery.Found found;
            try {
                found = new Recovery(dir, data, damage, RECORD_OVERHEAD).run();
            } catch (IOException | RuntimeException e) {
                data.close();
                throw e;
            }
            b = new FileChunkBuffer(limits, dir, durability, ch, lock, space, data, found.journal(), damage);
            b.recover(found);
        } catch (IOException | RuntimeException e) {
            lock.release();
            ch.close();
            throw e;
        }
        if (durability == Durability.INTERVAL) {
            b.startSyncing(syncInterval);
        }
        return b;
    }

    private void startSyncing(Duration interval) {
        syncThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "buffer-sync");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, interval.toMillis());
        syncThread.scheduleWithFixedDelay(this::syncIfDirty, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void syncIfDirty() {
        lock.lock();
        try {
            if (dirty) {
                data.sync();
                journal.sync();
                dirty = false;
            }
        } finally {
            lock.unlock();
        }
    }

    public Path directory() {
        return dir;
    }

    /** Puts back the chunks found on disk, staged or queued, in their order. */
    private void recover(Recovery.Found found) {
        List<FileChunk> chunks = found.chunks();
        Set<ChunkId> queued = found.queued();
        if (chunks.isEmpty()) {
            resetJournal();
            return;
        }
        Map<ChunkId, FileChunk> byId = new HashMap<>();
        chunks.forEach(c -> byId.put(c.chunkId(), c));
        List<BufferChunk> q = queued.stream().map(id -> (BufferChunk) byId.get(id)).toList();
        // Two staged chunks of one key can exist after a crash between writes; the older is queued.
        Map<ChunkKey, BufferChunk> staged = new LinkedHashMap<>();
        List<BufferChunk> extraQueued = new ArrayList<>();
        for (FileChunk c : chunks) {
            for (FileChunk.Ref r : c.refs()) {
                liveByCycle.merge(journal.cycleOf(r.journalIndex()), 1, Integer::sum);
            }
            if (!queued.contains(c.chunkId())) {
                BufferChunk previous = staged.put(c.key(), c);
                if (previous != null) {
                    extraQueued.add(previous);
                }
            }
        }
        List<BufferChunk> allQueued = new ArrayList<>(extraQueued);
        allQueued.addAll(q);
        lock.lock();
        try {
            restore(List.copyOf(staged.values()), allQueued);
            extraQueued.forEach(c -> mark(Journal.ENQUEUE, ((FileChunk) c).chunkId()));
        } finally {
            lock.unlock();
        }
        try {
            data.deleteUnused();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deleteConsumedCycles();
    }

    @Override
    protected BufferChunk newChunk(ChunkKey key, long nowMillis) {
        return new FileChunk(ChunkId.random(), key, nowMillis, data, damage);
    }

    /** A batch copied into the data files, not yet recorded in the journal. */
    private record Copied(long locator, int crc) {
    }

    /**
     * Admits the batch against the free space (the journal's reserve stays free; spare files are given back
     * first) and copies it in. A refusal or a failed write (ENOSPC, EDQUOT, a read-only file system) throws
     * before anything is recorded, so the write is not acknowledged and nothing held is touched.
     */
    @Override
    protected Object prepare(Segment batch) throws StorageFullException {
        long need = (long) batch.length() + RECORD_OVERHEAD;
        space.admit(need, data::giveBackSpace);
        boolean ok = false;
        try {
            Copied copied = copy(batch);
            ok = true;
            return copied;
        } catch (RuntimeException | InternalError e) {
            throw space.failed(e);
        } finally {
            space.written(need, ok);
        }
    }

    private Copied copy(Segment batch) {
        // The checksum lets a replay tell a batch from older bytes in a recycled data file (after a power loss).
        CRC32C crc = new CRC32C();
        crc.update(batch.data(), batch.offset(), batch.length());
        long locator = data.append(batch.data(), batch.offset(), batch.length());
        if (durability == Durability.ALWAYS) {
            data.sync(locator); // the bytes are on disk before the record that points at them
        }
        return new Copied(locator, (int) crc.getValue());
    }

    @Override
    protected void abandoned(Object prepared) {
        data.abandon(SegmentFiles.fileOf(((Copied) prepared).locator()));
    }

    @Override
    protected void store(BufferChunk chunk, Segment batch, Object prepared) {
        FileChunk c = (FileChunk) chunk;
        Copied copied = (Copied) prepared;
        long locator = copied.locator();
        long index;
        try {
            index = journal.appendData(c.chunkId(), c.key(), c.createdMillis(), batch.tag(), batch.records(), batch.length(), locator, copied.crc());
        } catch (RuntimeException | InternalError e) {
            data.abandon(SegmentFiles.fileOf(locator)); // never recorded: the write is refused
            throw e;
        }
        data.retain(SegmentFiles.fileOf(locator));
        c.addRef(new FileChunk.Ref(index, locator, batch.length(), batch.records(), batch.tag(), Integer.toUnsignedLong(copied.crc())), RECORD_OVERHEAD);
        liveByCycle.merge(journal.cycleOf(index), 1, Integer::sum);
        writtenSinceReset += batch.length();
        lastWriteMillis = System.currentTimeMillis();
        dirty = true;
    }

    @Override
    protected void written() {
        if (durability == Durability.ALWAYS) {
            journal.sync();
            dirty = false;
        }
    }

    @Override
    protected void enqueued(BufferChunk chunk) {
        mark(Journal.ENQUEUE, ((FileChunk) chunk).chunkId());
    }

    /**
     * Appends a marker, unless the file system is so full (filled by someone else: batches keep the journal's
     * reserve free) that the journal's mapped write could meet no free block, which is a SIGBUS. A missing
     * ENQUEUE leaves the chunk staged after a restart, a missing PURGE sends it again: duplicates, never a loss.
     */
    private void mark(byte type, ChunkId id) {
        if (!space.critical()) {
            journal.appendMarker(type, id);
        }
    }

    @Override
    protected void purged(BufferChunk chunk) {
        FileChunk c = (FileChunk) chunk;
        mark(Journal.PURGE, c.chunkId());
        release(c);
        if (durability == Durability.ALWAYS) {
            journal.sync();
        }
        deleteConsumedCycles();
    }

    /**
     * Drops the journal when the buffer has been empty and idle for a while: a busy buffer is empty for
     * moments between chunks, and rebuilding the journal at each of those would cost more than it frees.
     */
    @Override
    public void maintain() {
        lock.lock();
        try {
            if (isEmpty() && writtenSinceReset >= RESET_AFTER_BYTES && System.currentTimeMillis() - lastWriteMillis >= IDLE_BEFORE_RESET_MS) {
                resetJournal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** When an emptied buffer's journal can be dropped, so the flush threads wake for it rather than at their next tick. */
    @Override
    public long maintenanceDueNanos() {
        lock.lock();
        try {
            if (!isEmpty() || writtenSinceReset < RESET_AFTER_BYTES) {
                return Long.MAX_VALUE;
            }
            long idleFor = System.currentTimeMillis() - lastWriteMillis;
            return TimeUnit.MILLISECONDS.toNanos(Math.max(0, IDLE_BEFORE_RESET_MS - idleFor));
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected BufferChunk rebuild(BufferChunk chunk, List<Segment> remaining) {
        FileChunk rest = new FileChunk(ChunkId.random(), chunk.key(), chunk.createdMillis(), data, damage);
        for (Segment s : remaining) {
            store(rest, s, copy(s)); // not admitted: it replaces the chunk, whose bytes go right after
        }
        mark(Journal.ENQUEUE, rest.chunkId());
        purgedReplaced((FileChunk) chunk);
        return rest;
    }

    private void purgedReplaced(FileChunk old) {
        mark(Journal.PURGE, old.chunkId());
        release(old);
    }

    private void release(FileChunk c) {
        for (FileChunk.Ref r : c.refs()) {
            liveByCycle.merge(journal.cycleOf(r.journalIndex()), -1, Integer::sum);
            data.release(SegmentFiles.fileOf(r.locator()));
        }
    }

    /** Deletes the oldest journal files while every record in them belongs to purged chunks. */
    private void deleteConsumedCycles() {
        Integer oldestLive = liveByCycle.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(Map.Entry::getKey).min(Integer::compare).orElse(Integer.MAX_VALUE);
        liveByCycle.entrySet().removeIf(e -> e.getValue() <= 0 && e.getKey() < oldestLive);
        journal.deleteCyclesBefore(oldestLive);
    }

    private void resetJournal() {
        try {
            if (space.critical() || !data.reset()) {
                // Full (reopening the journal maps new files), or a write is copying its batch in: the next idle moment will do.
                return;
            }
            journal.reset();
            liveByCycle.clear();
            writtenSinceReset = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset buffer journal in " + dir, e);
        }
    }

    @Override
    protected void closeStorage() {
        if (syncThread != null) {
            syncThread.shutdownNow();
        }
        data.sync();
        journal.sync();
        journal.close();
        try {
            data.close();
            fileLock.release();
            lockChannel.close();
        } catch (IOException e) {
            // The lock goes with the process anyway.
        }
    }
}
