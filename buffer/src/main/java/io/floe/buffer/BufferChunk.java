package io.floe.buffer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A chunk in a buffer: staged (still taking writes) until enqueued, then waiting for its flush.
 * A memory chunk holds its segments; a file chunk ({@link io.floe.buffer.file.FileChunk}) reads them
 * from disk when the flush asks, one at a time.
 */
public class BufferChunk {
    private final String id;
    private final ChunkKey key;
    private final long createdMillis;
    private final List<Segment> segments = new ArrayList<>();
    private long bytes;
    private long records;

    public BufferChunk(String id, ChunkKey key, long createdMillis) {
        this.id = id;
        this.key = key;
        this.createdMillis = createdMillis;
    }

    void append(Segment s) {
        segments.add(s);
        count(s.length(), s.records());
    }

    protected final void count(long moreBytes, long moreRecords) {
        bytes += moreBytes;
        records += moreRecords;
    }

    public String id() {
        return id;
    }

    public ChunkKey key() {
        return key;
    }

    public long createdMillis() {
        return createdMillis;
    }

    /** The batches in write order. For a file chunk the list reads each batch from disk on {@code get}. */
    public List<Segment> segments() {
        return Collections.unmodifiableList(segments);
    }

    public long bytes() {
        return bytes;
    }

    public long records() {
        return records;
    }
}
