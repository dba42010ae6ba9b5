package io.floe.buffer.file;

import io.floe.buffer.BufferChunk;
import io.floe.buffer.ChunkKey;
import io.floe.buffer.Segment;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * A chunk of the file buffer: what the flush sees is read from the segment files one batch at a time,
 * so a large chunk never has to fit in memory at once.
 */
public final class FileChunk extends BufferChunk {
    /** Where one batch is: its journal record (for the journal's clean-up) and its bytes. */
    record Ref(long journalIndex, long locator, int length, int records, String tag) {
    }

    private final ChunkId chunkId;
    private final SegmentFiles data;
    private final List<Ref> refs = new ArrayList<>();

    FileChunk(ChunkId id, ChunkKey key, long createdMillis, SegmentFiles data) {
        super(id.hex(), key, createdMillis);
        this.chunkId = id;
        this.data = data;
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
                return new Segment(r.tag(), bytes, 0, bytes.length, r.records());
            }

            @Override
            public int size() {
                return snapshot.size();
            }
        };
    }
}
