package io.floe.buffer.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

/**
 * The batch bytes of the file buffer, in append-only files {@code data-<n>.seg}. The journal records
 * where each batch is (a locator: file number and offset), so a batch is written once and read once. A
 * file no live batch is left in goes to a small {@link SparePool} to be written over again, or is deleted
 * when the pool is full.
 *
 * <p>A fresh file is written with {@code write(2)}; a recycled one through the memory map the pool kept
 * for it. Through the map a batch costs one copy into pages the process already maps, where
 * {@code write(2)} of a heap array costs two copies (the JDK's into a direct buffer, the kernel's into the
 * page cache) and a system call: this is what brings the file buffer close to the memory buffer's speed
 * while the output keeps up. Both reach the same page cache, so what survives {@code kill -9} and what
 * {@link #sync()} forces are the same either way ({@code fdatasync} writes back pages dirtied through a
 * mapping too). The mapped pages count in the process's RSS (as file pages, given back under memory
 * pressure like any page cache): at most the current, previous and spare files.
 *
 * <p>Why beside the Chronicle journal and not in it: writing bulk bytes through Chronicle's memory map
 * faults in and zeroes every fresh page, and measured about three times slower per byte than
 * {@code write(2)} on these machines (about 400 vs 1,500 MB/s); the journal's own records are small.
 */
final class SegmentFiles implements AutoCloseable {
    /**
     * A new file is started past this size, so space comes back file by file as chunks are written out.
     * With the spares, a busy buffer that keeps up holds about four such files in the page cache (the one
     * being written, the one before, two spares): 32 MiB keeps that to what two 64 MiB files were before
     * recycling, and a roll (a rename and an open) every 32 MiB costs next to nothing.
     */
    static final long ROLL_AT = 32L << 20;
    /**
     * Emptied files kept for reuse. Two is enough for an output that keeps up (one file filling while the
     * one before drains); more would only hold more disk while the buffer is busy.
     */
    static final int SPARE_FILES = 2;
    private static final int OFFSET_BITS = 40;

    private final Path dir;
    private final Map<Integer, FileChannel> readers = new HashMap<>();
    private final Map<Integer, Integer> live = new TreeMap<>();
    /**
     * The mapping of each data file written through one (the current file has one when it is a recycled
     * spare), handed to the spare pool or released when it goes.
     */
    private final Map<Integer, MappedByteBuffer> maps = new HashMap<>();
    private FileChannel writer;
    private boolean closed;
    private FileChannel previousWriter;
    private int previous = -1;
    /** Files closed by a roll since the last {@link #sync()}: closing does not force, so the next sync must. */
    private final List<Integer> closedUnforced = new ArrayList<>();
    private final SparePool spares;
    /** Batches being copied into a file and not yet recorded (or given up): a file is not deleted under them. */
    private final Map<Integer, Integer> inflight = new HashMap<>();
    /**
     * Files a write failed in (a full disk): the failed batch's range may be a hole, and a hole written
     * through a mapping needs a new block, a SIGBUS on a full file system. Deleted when emptied, never recycled.
     */
    private final Set<Integer> notForReuse = new HashSet<>();
    /** False while the file system is short of space: an emptied file's blocks are given back, not kept as a spare. */
    private final BooleanSupplier roomForSpares;
    private int current;
    private long position;

    SegmentFiles(Path dir) throws IOException {
        this(dir, () -> true);
    }

    SegmentFiles(Path dir, BooleanSupplier roomForSpares) throws IOException {
        this.dir = dir;
        this.roomForSpares = roomForSpares;
        this.spares = new SparePool(dir, SPARE_FILES, ROLL_AT / 2, 2 * ROLL_AT);
        try (Stream<Path> files = Files.list(dir)) {
            current = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("data-\\d+\\.seg"))
                    .mapToInt(n -> Integer.parseInt(n.substring(5, n.length() - 4))).max().orElse(0) + 1;
        }
        openWriter();
    }

    private void openWriter() throws IOException {
        MappedByteBuffer map = Files.exists(file(current)) ? null : spares.reuseAs(file(current));
        if (map != null) {
            // Written over from the start; what lies past the batches recorded in the journal is old.
            writer = FileChannel.open(file(current), StandardOpenOption.WRITE);
            maps.put(current, map);
            position = 0;
            return;
        }
        writer = FileChannel.open(file(current), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        position = writer.size();
    }

    Path file(int n) {
        return dir.resolve("data-" + n + ".seg");
    }

    /**
     * Writes the bytes and returns their locator. Space is reserved under this object's lock; the
     * copy itself runs outside it, so writers from several threads fill the page cache at once.
     */
    long append(byte[] data, int off, int len) {
        FileChannel ch;
        MappedByteBuffer map;
        long at;
        int file;
        synchronized (this) {
            if (closed) {
                throw new UncheckedIOException(new IOException("buffer data files in " + dir + " are closed"));
            }
            MappedByteBuffer currentMap = maps.get(current);
            // A recycled file is full at its mapping's end, a fresh one at ROLL_AT.
            if (position > 0 && position + len > (currentMap != null ? currentMap.capacity() : ROLL_AT)) {
                roll();
                currentMap = maps.get(current);
            }
            ch = writer;
            file = current;
            at = position;
            position += len;
            // A batch larger than a recycled file's mapping (one alone in it) goes past the map's end with write(2).
            map = currentMap != null && at + len <= currentMap.capacity() ? currentMap : null;
            // Counted in flight until recorded or given up: the file (and its mapping) stays until then.
            inflight.merge(file, 1, Integer::sum);
        }
        try {
            if (map != null) {
                map.put((int) at, data, off, len);
            } else {
                ByteBuffer b = ByteBuffer.wrap(data, off, len);
                while (b.hasRemaining()) {
                    ch.write(b, at + b.position() - off);
                }
            }
        } catch (IOException | RuntimeException | InternalError e) {
            synchronized (this) {
                notForReuse.add(file);
            }
            abandon(file);
            throw new UncheckedIOException("cannot write buffer data in " + dir, e instanceof IOException io ? io : new IOException(e));
        }
        return ((long) file << OFFSET_BITS) | at;
    }

    /** Starts the next file. The old one stays open for writes still copying into it; it closes with the next roll. */
    private void roll() {
        try {
            if (previousWriter != null) {
                previousWriter.close();
                closedUnforced.add(previous);
            }
            previousWriter = writer;
            previous = current;
            int done = current++;
            openWriter();
            deleteIfUnused(done);
            // A backlog of full files waiting for the output would otherwise stay mapped, each resident in the
            // process's RSS, where write(2) leaves such pages to the page cache alone. Mapped again as a spare.
            unmapIdle(n -> n != current && n != previous);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a buffer data file in " + dir, e);
        }
    }

    /**
     * Releases the mappings of the files {@code which} picks, except those a batch is still being copied into
     * (releasing one under a copy would crash the process): they stay for a later call, or the garbage collector.
     */
    private void unmapIdle(IntPredicate which) {
        for (var it = maps.entrySet().iterator(); it.hasNext(); ) {
            var m = it.next();
            if (which.test(m.getKey()) && inflight.getOrDefault(m.getKey(), 0) <= 0) {
                Mappings.unmap(m.getValue());
                it.remove();
            }
        }
    }

    /** Reads {@code len} bytes at {@code locator}; throws when the data is gone (power loss without sync). */
    byte[] read(long locator, int len) {
        int n = fileOf(locator);
        long at = locator & ((1L << OFFSET_BITS) - 1);
        try {
            FileChannel ch;
            synchronized (readers) {
                ch = readers.get(n);
                if (ch == null) {
                    ch = FileChannel.open(file(n), StandardOpenOption.READ);
                    readers.put(n, ch);
                }
            }
            byte[] out = new byte[len];
            ByteBuffer b = ByteBuffer.wrap(out);
            while (b.hasRemaining()) {
                if (ch.read(b, at + b.position()) < 0) {
                    throw new IOException("buffer data file " + file(n) + " ends before " + (at + len));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the bytes a journal record points at are all on disk (checked when replaying). */
    boolean holds(long locator, int len) {
        Path f = file(fileOf(locator));
        try {
            return Files.exists(f) && Files.size(f) >= (locator & ((1L << OFFSET_BITS) - 1)) + len;
        } catch (IOException e) {
            return false;
        }
    }

    static int fileOf(long locator) {
        return (int) (locator >>> OFFSET_BITS);
    }

    static long offsetOf(long locator) {
        return locator & ((1L << OFFSET_BITS) - 1);
    }

    /** The data files no batch lives in and nobody writes (after a replay: what {@link #deleteUnused} would delete). */
    synchronized List<Path> unusedFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.matches("data-\\d+\\.seg")) {
                    int n = Integer.parseInt(name.substring(5, name.length() - 4));
                    if (n != current && !live.containsKey(n) && !inflight.containsKey(n)) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }

    /** A batch written into {@code file} is now recorded: it lives there until released. */
    synchronized void retain(int file) {
        live.merge(file, 1, Integer::sum);
        inflight.merge(file, -1, Integer::sum);
    }

    /** Counts a live batch found in {@code file} when replaying the journal. */
    synchronized void retainReplayed(int file) {
        live.merge(file, 1, Integer::sum);
    }

    /** A batch written into {@code file} will not be recorded (the write was refused). */
    synchronized void abandon(int file) {
        inflight.merge(file, -1, Integer::sum);
        deleteIfUnused(file);
    }

    /** One batch in {@code file} is no longer needed; the file goes when none is and it is not being written. */
    synchronized void release(int file) {
        live.merge(file, -1, Integer::sum);
        deleteIfUnused(file);
    }

    private void deleteIfUnused(int file) {
        if (file != current && live.getOrDefault(file, 0) <= 0 && inflight.getOrDefault(file, 0) <= 0) {
            live.remove(file);
            inflight.remove(file);
            delete(file);
        }
    }

    /** Deletes every file no batch lives in (after a replay, orphans of a crash). */
    synchronized void deleteUnused() throws IOException {
        for (Path p : unusedFiles()) {
            String name = p.getFileName().toString();
            delete(Integer.parseInt(name.substring(5, name.length() - 4)));
        }
    }

    /** Only once nothing writes {@code n} any more: its mapping is released here. */
    private void delete(int n) {
        MappedByteBuffer map = maps.remove(n);
        synchronized (readers) {
            FileChannel ch = readers.remove(n);
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing a read channel of a file about to go
                }
            }
        }
        boolean reusable = !notForReuse.remove(n) && roomForSpares.getAsBoolean();
        try {
            if (!reusable || !spares.offer(file(n), map)) {
                Mappings.unmap(map);
                Files.deleteIfExists(file(n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The file system is short of space: deletes the spare files, and the file being written when no live
     * batch is left in it (the output drained it; it would otherwise hold its blocks until it fills).
     */
    synchronized void giveBackSpace() {
        try {
            spares.clear();
            if (position > 0 && live.getOrDefault(current, 0) <= 0 && inflight.getOrDefault(current, 0) <= 0) {
                int drained = current;
                roll();
                if (!Files.exists(file(drained))) {
                    // Deleted by the roll; its blocks come back only once no descriptor holds it open.
                    previousWriter.close();
                    previousWriter = null;
                    previous = -1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forces the data written so far to disk (the file before the current one may still be taking writes). */
    void sync() {
        try {
            FileChannel w;
            FileChannel p;
            List<Integer> closed;
            synchronized (this) {
                w = writer;
                p = previousWriter;
                closed = List.copyOf(closedUnforced);
                closedUnforced.clear();
            }
            for (int n : closed) {
                forceClosed(n);
            }
            if (p != null && p.isOpen()) {
                p.force(false);
            }
            w.force(false);
        } catch (java.nio.channels.ClosedChannelException e) {
            sync(); // rolled meanwhile: force the files that are open now
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forces the file holding {@code locator} to disk: the batch there is before the record that points at it. */
    void sync(long locator) {
        int n = fileOf(locator);
        FileChannel ch;
        synchronized (this) {
            ch = n == current ? writer : n == previous ? previousWriter : null;
        }
        try {
            if (ch != null) {
                ch.force(false);
                return;
            }
        } catch (java.nio.channels.ClosedChannelException e) {
            // closed by a roll (which does not force it): force it through a channel of its own
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The batch is not recorded yet, so its file cannot have been deleted or recycled meanwhile.
        forceClosed(n);
    }

    /** Forces a file no writer holds open; one that is gone held nothing live any more. */
    private void forceClosed(int n) {
        try (FileChannel own = FileChannel.open(file(n), StandardOpenOption.WRITE)) {
            own.force(false);
        } catch (NoSuchFileException gone) {
            // deleted or recycled since: every batch in it was purged
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes everything and starts a new file: only when the buffer holds nothing. Declines (returns false,
     * changes nothing) while a batch is being copied in and not yet recorded: deleting its file under it would
     * lose a write about to be acknowledged.
     */
    synchronized boolean reset() throws IOException {
        if (inflight.values().stream().anyMatch(n -> n > 0)) {
            return false;
        }
        writer.close();
        if (previousWriter != null) {
            previousWriter.close();
            previousWriter = null;
        }
        synchronized (readers) {
            for (FileChannel ch : readers.values()) {
                ch.close();
            }
            readers.clear();
        }
        previous = -1;
        closedUnforced.clear();
        live.clear();
        inflight.clear();
        deleteUnused();
        spares.clear();
        Mappings.unmap(maps.remove(current));
        Files.deleteIfExists(file(current));
        current++;
        openWriter();
        return true;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        spares.clear();
        unmapIdle(n -> true);
        maps.clear();
        writer.close();
        if (previousWriter != null) {
            previousWriter.close();
        }
        synchronized (readers) {
            for (FileChannel ch : readers.values()) {
                ch.close();
            }
            readers.clear();
        }
    }
}
