package io.floe.outputs.elasticsearch;

import io.floe.api.Chunk;
import io.floe.codec.event.EventStreamWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Which event of the chunk each bulk item is: its stream, time and where its record's msgpack bytes are. Kept as
 * plain arrays so that the failed items can be handed back as event streams without decoding anything.
 */
final class BulkItems {
    private int size;
    private int[] stream = new int[64];
    private long[] seconds = new long[64];
    private int[] nanos = new int[64];
    private int[] offset = new int[64];
    private int[] length = new int[64];
    private int[] position = new int[64];

    /** {@code chunkPosition}: where the event sat in the chunk as first written (what its deterministic id is made of). */
    void add(int streamIndex, long sec, int nsec, int recordOffset, int recordLength, int chunkPosition) {
        if (size == stream.length) {
            int n = size * 2;
            stream = Arrays.copyOf(stream, n);
            seconds = Arrays.copyOf(seconds, n);
            nanos = Arrays.copyOf(nanos, n);
            offset = Arrays.copyOf(offset, n);
            length = Arrays.copyOf(length, n);
            position = Arrays.copyOf(position, n);
        }
        stream[size] = streamIndex;
        seconds[size] = sec;
        nanos[size] = nsec;
        offset[size] = recordOffset;
        length[size] = recordLength;
        position[size] = chunkPosition;
        size++;
    }

    /** Empty again, the arrays kept: the next bulk of the chunk fills them. */
    void clear() {
        size = 0;
    }

    BulkItems copy() {
        BulkItems c = new BulkItems();
        for (int i = 0; i < size; i++) {
            c.add(stream[i], seconds[i], nanos[i], offset[i], length[i], position[i]);
        }
        return c;
    }

    int size() {
        return size;
    }

    /** About what the item takes as an entry of an event stream: its record and its time. */
    int entryBytes(int item) {
        return length[item] + 16;
    }

    int chunkPosition(int item) {
        return position[item];
    }

    /**
     * The selected items as event streams, one per original stream they came from (tag and order kept).
     * {@code streams} must be the chunk's streams these items were read from.
     */
    List<Chunk.Tagged> select(List<Chunk.Tagged> streams, IntPredicate which) {
        List<Chunk.Tagged> out = new ArrayList<>();
        EventStreamWriter w = null;
        int current = -1;
        // A file buffer's chunk reads a stream from disk on every get(): once per stream here, not once per item.
        Chunk.Tagged from = null;
        for (int i = 0; i < size; i++) {
            if (!which.test(i)) {
                continue;
            }
            if (stream[i] != current) {
                if (w != null) {
                    out.add(new Chunk.Tagged(from.tag(), w.build()));
                }
                current = stream[i];
                from = streams.get(current);
                w = new EventStreamWriter();
            }
            w.add(seconds[i], nanos[i], from.events().array(), offset[i], length[i]);
        }
        if (w != null) {
            out.add(new Chunk.Tagged(from.tag(), w.build()));
        }
        return out;
    }
}
