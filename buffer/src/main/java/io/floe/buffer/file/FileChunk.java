package io.floe.buffer.file;

import io.floe.buffer.BufferChunk;
import io.floe.buffer.ChunkKey;
import io.floe.buffer.Segment;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * A chunk of the file buffer: what the flush sees is read from the journal one batch at a time, so a
 * large chunk never has to fit in memory at once.
 */
public final class FileChunk extends BufferChunk {
    private final ChunkId chunkId;
    private final Journal journal;
    private final List<Long> indexes = new ArrayList<>();

    FileChunk(ChunkId id, ChunkKey key, long createdMillis, Journal journal) {
        super(id.hex(), key, createdMillis);
        this.chunkId = id;
        this.journal = journal;
    }

    ChunkId chunkId() {
        return chunkId;
    }

    void addRef(long index, int length, int records) {
        indexes.add(index);
        count(length, records);
    }

    List<Long> indexes() {
        return indexes;
    }

    @Override
    public List<Segment> segments() {
        List<Long> snapshot = List.copyOf(indexes);
        return new AbstractList<>() {
            @Override
            public Segment get(int i) {
                return journal.read(snapshot.get(i));
            }

            @Override
            public int size() {
                return snapshot.size();
            }
        };
    }
}
