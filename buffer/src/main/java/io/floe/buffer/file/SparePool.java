package io.floe.buffer.file;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * <p>A spare is kept memory-mapped, so the next write into it is a plain copy into pages the process
 * already maps: no system call and no page fault per batch (see {@link SegmentFiles}). Every block of a
 * spare was written before, so writing over it through the map never needs the file system to find new
 * space, which is what could fail (as a {@code SIGBUS}) on a full disk; on tmpfs too, whose pages of a
 * written file are already counted against the mount. A file a write failed in may hold a hole, so it
 * is never offered, and while the file system is short of space spares are deleted, not kept ({@link DiskSpace}).
 *
 * <p>A recycled file still holds old bytes past what was rewritten, so a journal record can no longer
 * be checked against the file's size alone after a power loss; batches carry a CRC32C for that.
 */
final class SparePool {
    private static final String PREFIX = "spare-";
    private static final String SUFFIX = ".seg";

    /** A spare file and its mapping over the whole file. */
    record Spare(Path file, MappedByteBuffer map) {
    }

    private final Path dir;
    private final int capacity;
    private final long minSize;
    private final long maxSize;
    private final Deque<Spare> spares = new ArrayDeque<>();
    private long nextName;

    /** Keeps up to {@code capacity} files of {@code minSize} to {@code maxSize} bytes (others are not worth keeping). */
    SparePool(Path dir, int capacity, long minSize, long maxSize) throws IOException {
        this.dir = dir;
        this.capacity = capacity;
        this.minSize = minSize;
        this.maxSize = maxSize;
        clear(); // spares left by a crash: their pages are probably gone from the cache anyway
    }

    /**
     * Takes {@code file} (no longer needed, nobody writing it) into the pool with its mapping, or maps it
     * when {@code map} is null; false when the pool is full or the file's size is not worth keeping.
     */
    synchronized boolean offer(Path file, MappedByteBuffer map) throws IOException {
        if (spares.size() >= capacity || !Files.exists(file)) {
            return false;
        }
        long size = Files.size(file);
        if (size < minSize || size > maxSize) {
            return false;
        }
        if (map == null || map.capacity() != size) {
            Mappings.unmap(map);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                map = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
            }
        }
        Path spare = dir.resolve(PREFIX + nextName++ + SUFFIX);
        Files.move(file, spare, StandardCopyOption.ATOMIC_MOVE);
        spares.addLast(new Spare(spare, map));
        return true;
    }

    /** Renames a spare to {@code target} and hands over its mapping; null when there is none. */
    synchronized MappedByteBuffer reuseAs(Path target) throws IOException {
        Spare spare = spares.pollFirst();
        if (spare == null) {
            return null;
        }
        Files.move(spare.file(), target, StandardCopyOption.ATOMIC_MOVE);
        return spare.map();
    }

    /** Deletes every spare, giving their disk space and mapped pages back. */
    synchronized void clear() throws IOException {
        for (Spare s : spares) {
            Mappings.unmap(s.map());
        }
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
