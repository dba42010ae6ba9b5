package io.floe.buffer;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Fluentd's memory buffer: chunks live on the heap and are lost with the process. Holds the batches it
 * is given without copying them.
 */
public final class MemoryChunkBuffer extends AbstractChunkBuffer {
    private final Supplier<String> ids;

    public MemoryChunkBuffer(BufferLimits limits, Supplier<String> ids) {
        super(limits);
        this.ids = ids;
    }

    public MemoryChunkBuffer(BufferLimits limits) {
        this(limits, () -> UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    protected BufferChunk newChunk(ChunkKey key, long nowMillis) {
        return new BufferChunk(ids.get(), key, nowMillis);
    }

    @Override
    protected void store(BufferChunk chunk, Segment batch, Object prepared) {
        chunk.append(batch);
    }

    @Override
    protected BufferChunk rebuild(BufferChunk chunk, List<Segment> remaining) {
        BufferChunk rest = new BufferChunk(chunk.id(), chunk.key(), chunk.createdMillis());
        remaining.forEach(rest::append);
        return rest;
    }
}
