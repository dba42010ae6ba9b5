package io.floe.buffer.file;

import io.floe.buffer.ChunkKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The file buffer's journal on Chronicle Queue: every batch written to the buffer is one excerpt (a DATA
 * record naming its chunk and where its bytes are in the {@link SegmentFiles}), and every change of a
 * chunk's state is a small marker excerpt (ENQUEUE, PURGE). Replaying the journal rebuilds the buffer
 * after a restart or a crash. Called under the buffer's lock.
 */
final class Journal implements AutoCloseable {
    /** A batch record as the first release wrote it, without a checksum; still read when replaying. */
    static final byte DATA = 'D';
    /** A batch record with the CRC32C of the batch's bytes (data files are recycled, so a size check is not enough). */
    static final byte DATA_CHECKED = 'C';
    /** The checksum of a batch recorded without one. */
    static final long NO_CHECKSUM = -1;
    static final byte ENQUEUE = 'Q';
    static final byte PURGE = 'P';

    private final Path dir;
    private SingleChronicleQueue queue;
    private ExcerptAppender appender;

    /** Opens (or creates) the journal in {@code dir}; throws when Chronicle cannot open what is there. */
    Journal(Path dir) {
        this.dir = dir;
        open();
    }

    private void open() {
        queue = SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RollCycles.FAST_HOURLY).build();
        appender = queue.createAppender();
        appender.singleThreadedCheckDisabled(true);
    }

    /**
     * Records one batch of a chunk, whose bytes are already in the segment files at {@code locator};
     * returns the record's index.
     */
    long appendData(ChunkId id, ChunkKey key, long createdMillis, String tag, int records, int length, long locator, int crc) {
        return appendData(id, key, createdMillis, tag, records, length, locator, Integer.toUnsignedLong(crc));
    }

    /** As above, for a batch recorded again; {@link #NO_CHECKSUM} when its first record had none. */
    long appendData(ChunkId id, ChunkKey key, long createdMillis, String tag, int records, int length, long locator, long crc) {
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> b = dc.wire().bytes();
            b.writeByte(crc == NO_CHECKSUM ? DATA : DATA_CHECKED);
            b.writeLong(id.hi()).writeLong(id.lo()).writeLong(createdMillis);
            b.writeUtf8(key.tag());
            b.writeLong(key.timekey());
            b.writeInt(key.variables().size());
            for (Map.Entry<String, String> v : key.variables().entrySet()) {
                b.writeUtf8(v.getKey());
                b.writeUtf8(v.getValue());
            }
            b.writeUtf8(tag);
            b.writeInt(records);
            b.writeInt(length);
            b.writeLong(locator);
            if (crc != NO_CHECKSUM) {
                b.writeInt((int) crc);
            }
        }
        return appender.lastIndexAppended();
    }

    void appendMarker(byte type, ChunkId id) {
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().writeByte(type).writeLong(id.hi()).writeLong(id.lo());
        }
    }

    /** Forces what was appended so far to the disk. */
    void sync() {
        appender.sync();
    }

    /** Receives the records of the log in order, when {@link JournalScan} replays it. */
    interface Visitor {
        /** A batch; {@code crc} is {@link #NO_CHECKSUM} for a record written without one. */
        void data(long index, ChunkId id, ChunkKey key, long createdMillis, String tag, int records, int length, long locator, long crc);

        void marker(byte type, ChunkId id);
    }

    int cycleOf(long index) {
        return queue.rollCycle().toCycle(index);
    }

    /** Deletes the roll-cycle files older than {@code cycle}; the writer's own file is never among them. */
    void deleteCyclesBefore(int cycle) {
        int current = queue.cycle();
        int upTo = Math.min(cycle, current);
        int first = queue.firstCycle();
        if (first == Integer.MAX_VALUE) {
            return;
        }
        boolean deleted = false;
        for (int c = first; c < upTo; c++) {
            var store = queue.storeForCycle(c, queue.epoch(), false, null);
            if (store == null) {
                continue;
            }
            java.io.File f = store.file();
            queue.closeStore(store);
            deleted |= f.delete();
        }
        if (deleted) {
            queue.refreshDirectoryListing();
        }
    }

    /** Drops the whole log: only when the buffer holds nothing, to give the disk back at once. */
    synchronized void reset() throws IOException {
        close();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(".cq4") || n.endsWith(".cq4t")) {
                    Files.deleteIfExists(p);
                }
            }
        }
        open();
    }

    @Override
    public void close() {
        appender.close();
        queue.close();
    }
}
