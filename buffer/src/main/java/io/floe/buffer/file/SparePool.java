package io.floe.buffer.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

/**
 * A few emptied data files kept for reuse instead of deleted, as PostgreSQL recycles WAL segments.
 * Writing into a file whose pages are already in the page cache skips what a fresh file costs the
 * kernel per page (allocating and accounting it, reserving its blocks, and freeing it all again on
 * delete): measured here about half the system time of the file buffer's writes. The pool is small
 * and bounded, and emptied when the buffer goes idle, so disk use still falls back to almost nothing.
 *
 * <p>A recycled file still holds old bytes past what was rewritten, so a journal record can no longer
 * be checked against the file's size alone after a power loss; batches carry a CRC32C for that.
 */
final class SparePool {
    private static final String PREFIX = "spare-";
    private static final String SUFFIX = ".seg";

    private final Path dir;
    private final int capacity;
    private final long minSize;
    private final Deque<Path> spares = new ArrayDeque<>();
    private long nextName;

    /** Keeps up to {@code capacity} files of at least {@code minSize} bytes (smaller ones are not worth keeping). */
    SparePool(Path dir, int capacity, long minSize) throws IOException {
        this.dir = dir;
        this.capacity = capacity;
        this.minSize = minSize;
        clear(); // spares left by a crash: their pages are probably gone from the cache anyway
    }

    /** Takes {@code file} (no longer needed) into the pool; false when the pool is full or the file too small. */
    synchronized boolean offer(Path file) throws IOException {
        if (spares.size() >= capacity || !Files.exists(file) || Files.size(file) < minSize) {
            return false;
        }
        Path spare = dir.resolve(PREFIX + nextName++ + SUFFIX);
        Files.move(file, spare, StandardCopyOption.ATOMIC_MOVE);
        spares.addLast(spare);
        return true;
    }

    /** Renames a spare to {@code target}; false when there is none. */
    synchronized boolean reuseAs(Path target) throws IOException {
        Path spare = spares.pollFirst();
        if (spare == null) {
            return false;
        }
        Files.move(spare, target, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** Deletes every spare, giving their disk space back. */
    synchronized void clear() throws IOException {
        spares.clear();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(PREFIX) && n.endsWith(SUFFIX)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    synchronized int size() {
        return spares.size();
    }
}
