package io.floe.agent.pipeline;

import io.floe.buffer.BufferChunk;
import io.floe.buffer.Segment;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.slf4j.Logger;

/**
 * Where chunks go that could not be written: {@code <root_dir>/backup/worker0/<plugin id>/<chunk id>.log},
 * as Fluentd keeps them. Each tagged part is stored as a PackedForward message
 * ({@code [tag, entries, {"size": n}]}), so a backup can be replayed by sending the file to a forward input.
 */
public final class ChunkBackup {
    private final Path dir;
    private final Logger log;

    public ChunkBackup(Path dir, Logger log) {
        this.dir = dir;
        this.log = log;
    }

    public void save(BufferChunk c, String reason) {
        save(c.id(), c.segments(), c.records(), reason);
    }

    /** Backs up {@code segments}, the part of chunk {@code chunkId} that could not be written ({@code records} events). */
    public void save(String chunkId, List<Segment> segments, long records, String reason) {
        Path file = dir.resolve(chunkId + ".log");
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(file);
                 MessagePacker p = MessagePack.newDefaultPacker(out)) {
                for (Segment s : segments) {
                    p.packArrayHeader(3);
                    p.packString(s.tag());
                    p.packBinaryHeader(s.length());
                    p.writePayload(s.data(), s.offset(), s.length());
                    p.packMapHeader(1);
                    p.packString("size");
                    p.packInt(s.records());
                }
            }
            log.warn("bad chunk is moved to {} records={} error=\"{}\"", file, records, reason);
        } catch (IOException e) {
            log.error("could not back up chunk {} ({} events are lost): {}; backup error: {}", chunkId, records, reason, e.toString());
        }
    }
}
