package io.floe.buffer.file;

import io.floe.buffer.BufferChunk;
import io.floe.buffer.ChunkKey;
import io.floe.buffer.Segment;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chunk of the file buffer: what the flush sees is read from the segment files one batch at a time,
 * so a large chunk never has to fit in memory at once.
 */
public final class FileChunk extends BufferChunk {
    private static final Logger LOG = LoggerFactory.getLogger(FileChunk.class);
    /**
     * Where one batch is: its journal record (for the journal's clean-up), its bytes, and their CRC32C
     * ({@link Journal#NO_CHECKSUM} for a batch recorded without one).
     */
    record Ref(long journalIndex, long locator, int length, int records, String tag, long crc) {
    }

    private final ChunkId chunkId;
    private final SegmentFiles data;
    private final List<Ref> refs = new ArrayList<>();

    FileChunk(ChunkId id, ChunkKey key, long createdMillis, SegmentFiles data) {
        super(id.hex(), key, createdMillis);
        this.chunkId = id;
        this.data = data;
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

    @Override
    public List<Segment> segments() {
        List<Ref> snapshot = List.copyOf(refs);
        return new AbstractList<>() {
            @Override
            public Segment get(int i) {
                Ref r = snapshot.get(i);
                byte[] bytes = data.read(r.locator(), r.length());
                if (!intact(r, bytes)) {
                    // Only a power loss without sync_mode leaves a record whose bytes never reached the disk.
                    LOG.error("buffer chunk {}: a batch of {} events did not reach the disk intact (power loss without sync_mode?); "
                            + "it is skipped, the rest of the chunk is written", id(), r.records());
                    return new Segment(r.tag(), new byte[0], 0, 0, 0);
                }
                return new Segment(r.tag(), bytes, 0, bytes.length, r.records());
            }

            @Override
            public int size() {
                return snapshot.size();
            }
        };
    }
}
