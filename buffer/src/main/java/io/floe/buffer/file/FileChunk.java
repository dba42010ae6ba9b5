package io.floe.buffer.file;

import io.floe.buffer.BufferChunk;
import io.floe.buffer.ChunkKey;
import io.floe.buffer.Segment;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import java.util.zip.CRC32C;

/**
 * A chunk of the file buffer: what the flush sees is read from the segment files one batch at a time,
 * so a large chunk never has to fit in memory at once.
 */
public final class FileChunk extends BufferChunk {
    /**
     * Where one batch is: its journal record (for the journal's clean-up), its bytes, and their CRC32C
     * ({@link Journal#NO_CHECKSUM} for a batch recorded without one).
     */
    record Ref(long journalIndex, long locator, int length, int records, String tag, long crc) {
    }

    private final ChunkId chunkId;
    private final SegmentFiles data;
    private final BufferDamage damage;
    private final List<Ref> refs = new ArrayList<>();
    /** Batches found failing their checksum: reported once, then skipped by every later read. */
    private final Set<Ref> damaged = ConcurrentHashMap.newKeySet();

    FileChunk(ChunkId id, ChunkKey key, long createdMillis, SegmentFiles data, BufferDamage damage) {
        super(id.hex(), key, createdMillis);
        this.chunkId = id;
        this.data = data;
        this.damage = damage;
    }

    private static boolean intact(Ref r, byte[] bytes) {
        if (r.crc() == Journal.NO_CHECKSUM) {
            return true;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        return crc.getValue() == r.crc();
    }

    ChunkId chunkId() {
        return chunkId;
    }

    void addRef(Ref r, int overhead) {
        refs.add(r);
        count(r.length() + overhead, r.records());
    }

    List<Ref> refs() {
        return refs;
    }

    /** Records every batch again (the journal was rebuilt): {@code append} returns its new journal index. */
    void reindex(ToLongFunction<Ref> append) {
        for (int i = 0; i < refs.size(); i++) {
            Ref r = refs.get(i);
            refs.set(i, new Ref(append.applyAsLong(r), r.locator(), r.length(), r.records(), r.tag(), r.crc()));
        }
    }

    @Override
    public List<Segment> segments() {
        List<Ref> snapshot = List.copyOf(refs);
        return new AbstractList<>() {
            @Override
            public Segment get(int i) {
                Ref r = snapshot.get(i);
                if (damaged.contains(r)) {
                    return skipped(r);
                }
                byte[] bytes = data.read(r.locator(), r.length());
                if (!intact(r, bytes)) {
                    reportDamage(snapshot);
                    return skipped(r);
                }
                return new Segment(r.tag(), bytes, 0, bytes.length, r.records());
            }

            @Override
            public int size() {
                return snapshot.size();
            }
        };
    }

    private static Segment skipped(Ref r) {
        return new Segment(r.tag(), new byte[0], 0, 0, 0);
    }

    /**
     * A batch failed its checksum (garbage on disk, or a power loss without sync_mode): checks the whole
     * chunk now, so its damage is reported once, with every damaged batch, rather than batch by batch.
     */
    private synchronized void reportDamage(List<Ref> all) {
        List<Segment> bad = new ArrayList<>();
        Set<Path> files = new TreeSet<>();
        long events = 0;
        for (Ref r : all) {
            if (damaged.contains(r)) {
                continue;
            }
            byte[] bytes = data.read(r.locator(), r.length());
            if (!intact(r, bytes)) {
                damaged.add(r);
                bad.add(new Segment(r.tag(), bytes, 0, bytes.length, r.records()));
                files.add(data.file(SegmentFiles.fileOf(r.locator())));
                events += r.records();
            }
        }
        if (!bad.isEmpty()) {
            damage.chunk(id(), files, bad, events, "the batches' bytes fail their CRC32C checksum (garbage, or a power loss without sync_mode)");
        }
    }
}
