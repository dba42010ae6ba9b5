package io.floe.agent.pipeline;

import io.floe.api.Chunk;
import io.floe.api.Output;
import io.floe.api.WriteResult;
import io.floe.codec.event.EventStream;
import io.floe.buffer.BufferChunk;
import io.floe.buffer.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;

/**
 * What becomes of the part of a chunk the primary output gave up on (retries used up, or an
 * unrecoverable error): {@code <secondary>} gets it, and what the secondary refuses — all of it when it
 * fails, only the refused events when it answers with a partial result — goes to the backup directory
 * (or is dropped with a log line under {@code disable_chunk_backup}). Never dropped silently.
 */
final class GiveUp {
    private final Output secondary;
    private final ChunkBackup backup;
    private final boolean disableChunkBackup;
    private final BiFunction<BufferChunk, List<Segment>, Chunk> view;
    private final Logger log;

    GiveUp(Output secondary, ChunkBackup backup, boolean disableChunkBackup, BiFunction<BufferChunk, List<Segment>, Chunk> view, Logger log) {
        this.secondary = secondary;
        this.backup = backup;
        this.disableChunkBackup = disableChunkBackup;
        this.view = view;
        this.log = log;
    }

    /** Hands {@code part} (the batches of chunk {@code c} still undelivered) on; the caller purges {@code c} after. */
    void handle(BufferChunk c, List<Segment> part, Exception cause) {
        List<Segment> refused = part;
        String reason = cause.toString();
        if (secondary != null) {
            try {
                WriteResult r = secondary.write(view.apply(c, part));
                if (r.isOk()) {
                    return;
                }
                refused = new ArrayList<>(segments(r.retry()));
                refused.addAll(segments(r.rejected()));
                reason = "secondary output refused " + records(refused) + " events: " + (r.reason() == null ? "no reason given" : r.reason());
            } catch (Exception e) {
                log.warn("secondary output failed too: {}", e.toString());
            }
        }
        long records = records(refused);
        if (disableChunkBackup) {
            log.warn("chunk {} with {} events is dropped (disable_chunk_backup): {}", c.id(), records, reason);
        } else {
            backup.save(c.id(), refused, records, reason);
        }
    }

    /** The batches of an output's answer, as the buffer keeps them. */
    static List<Segment> segments(List<Chunk.Tagged> parts) {
        List<Segment> out = new ArrayList<>(parts.size());
        for (Chunk.Tagged t : parts) {
            EventStream s = t.events();
            out.add(new Segment(t.tag(), s.array(), s.offset(), s.length(), s.count()));
        }
        return out;
    }

    private static long records(List<Segment> segments) {
        return segments.stream().mapToLong(Segment::records).sum();
    }
}
