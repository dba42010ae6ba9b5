package io.floe.agent.pipeline;

import io.floe.buffer.BufferChunk;
import io.floe.buffer.Segment;
import io.floe.buffer.file.BufferDamage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.slf4j.Logger;

/**
 * Where chunks go that could not be written: {@code <root_dir>/backup/worker0/<plugin id>/<chunk id>.log},
 * as Fluentd keeps them. Each tagged part is stored as a PackedForward message
 * ({@code [tag, entries, {"size": n}]}), so a backup can be replayed by sending the file to a forward input.
 * What the file buffer finds damaged on disk comes here too: the readable part of a damaged chunk as
 * {@code <chunk id>.damaged.log} (same format; its bytes may be garbage), a damaged buffer file as it is.
 */
public final class ChunkBackup implements BufferDamage {
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
            write(file, segments);
            log.warn("bad chunk is moved to {} records={} error=\"{}\"", file, records, reason);
        } catch (IOException e) {
            log.error("could not back up chunk {} ({} events are lost): {}; backup error: {}", chunkId, records, reason, e.toString());
        }
    }

    private void write(Path file, List<Segment> segments) throws IOException {
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
    }

    @Override
    public void chunk(String chunkId, Collection<Path> files, List<Segment> salvaged, long events, String what) {
        // The log escapes every argument, quotes included: paths go in raw, between the pattern's own quotes.
        String where = files.stream().map(Path::toString).collect(Collectors.joining(","));
        if (salvaged.isEmpty()) {
            log.error("damaged buffer chunk=\"{}\" file=\"{}\" events={} cannot be delivered: {}; nothing of them could be read",
                    chunkId, where, events, what);
            return;
        }
        Path file = dir.resolve(chunkId + ".damaged.log");
        try {
            write(file, salvaged);
            log.error("damaged buffer chunk=\"{}\" file=\"{}\" events={} cannot be delivered: {}; what could be read is moved to \"{}\"",
                    chunkId, where, events, what, file);
        } catch (IOException e) {
            log.error("damaged buffer chunk=\"{}\" file=\"{}\" events={} cannot be delivered: {}; they are lost (backup error: \"{}\")",
                    chunkId, where, events, what, e.toString());
        }
    }

    @Override
    public void file(Path file, long events, String what) {
        String kept = events < 0 ? "" : " (its records before the damage, of " + events + " events, were read)";
        try {
            Files.createDirectories(dir);
            Path to = dir.resolve(file.getFileName());
            for (int n = 1; Files.exists(to); n++) {
                to = dir.resolve(file.getFileName() + "." + n);
            }
            Files.move(file, to);
            log.error("damaged buffer file=\"{}\": {}{}; moved to \"{}\"", file, what, kept, to);
        } catch (IOException e) {
            log.error("damaged buffer file=\"{}\": {}{}; deleted, it could not be moved to the backup directory: \"{}\"",
                    file, what, kept, e.toString());
            try {
                Files.deleteIfExists(file);
            } catch (IOException gone) {
                log.error("cannot delete damaged buffer file=\"{}\": \"{}\"", file, gone.toString());
            }
        }
    }
}
