package io.floe.buffer.file;

import io.floe.buffer.Segment;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Where a file buffer sends what it finds damaged on disk (after a power cut or a full disk) and cannot
 * deliver: the agent's backup directory, with one log line for each damaged chunk or file. The buffer
 * keeps running without it and delivers everything else.
 */
public interface BufferDamage {
    /**
     * Batches of chunk {@code chunkId} that cannot be delivered: their bytes in {@code files} are gone or
     * fail their checksum. {@code salvaged} holds what could still be read of them (empty when nothing).
     */
    void chunk(String chunkId, Collection<Path> files, List<Segment> salvaged, long events, String what);

    /**
     * A file of the buffer that cannot be read to its end, or holds bytes no intact record names: to be
     * moved out of the buffer directory. {@code events} is how many events the records read from it
     * before the damage held (those were read), or -1 when it holds no records.
     */
    void file(Path file, long events, String what);

    /** Logs and deletes: for a buffer opened without an agent (tools, tests). */
    static BufferDamage logOnly() {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FileChunkBuffer.class);
        return new BufferDamage() {
            @Override
            public void chunk(String chunkId, Collection<Path> files, List<Segment> salvaged, long events, String what) {
                log.error("damaged buffer chunk {} in {}: {} events cannot be delivered: {}", chunkId, files, events, what);
            }

            @Override
            public void file(Path file, long events, String what) {
                log.error("damaged buffer file {}: {}; deleted", file, what);
                try {
                    java.nio.file.Files.deleteIfExists(file);
                } catch (java.io.IOException e) {
                    log.error("cannot delete {}: {}", file, e.toString());
                }
            }
        };
    }
}
