package io.floe.agent.pipeline;

import io.floe.buffer.BufferChunk;
import io.floe.buffer.Segment;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path file = dir.resolve(c.id() + ".log");
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(file);
                 MessagePacker p = MessagePack.newDefaultPacker(out)) {
                for (Segment s : c.segments()) {
                    p.packArrayHeader(3);
                    p.packString(s.tag());
                    p.packBinaryHeader(s.length());
                    p.writePayload(s.data(), s.offset(), s.length());
                    p.packMapHeader(1);
                    p.packString("size");
                    p.packInt(s.records());
                }
            }
            log.warn("bad chunk is moved to {} records={} error=\"{}\"", file, c.records(), reason);
        } catch (IOException e) {
            log.error("could not back up chunk {} ({} events are lost): {}; backup error: {}", c.id(), c.records(), reason, e.toString());
        }
    }
}
