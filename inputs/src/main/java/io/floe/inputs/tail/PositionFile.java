package io.floe.inputs.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * Fluentd's pos_file, byte for byte ({@code in_tail/position_file.rb}): one {@code path\tpos\tinode} line
 * per watched file, positions and inodes as 16 hex digits, updated in place. A user's existing pos file is
 * read and continued; Fluentd can read ours. Compacted (unwatched and duplicate lines dropped) when opened
 * and every {@code pos_file_compaction_interval}. Locked while open, so two sources (or two agents) cannot
 * share one, which Fluentd forbids too. Used by the tail thread only. Without a pos_file, positions live in
 * memory ({@link #inMemory()}).
 */
final class PositionFile implements AutoCloseable {
    /** Fluentd's POSITION_FILE_ENTRY_REGEX: anything after the inode is ignored. */
    private static final Pattern ENTRY = Pattern.compile("^([^\\t]+)\\t([0-9a-fA-F]+)\\t([0-9a-fA-F]+)");

    private final Path file;
    private final Logger log;
    private final boolean byInode;
    private final List<PositionEntry> entries = new ArrayList<>();
    private final long mtimeAtOpenNanos;
    private final boolean birthTimes;
    private FileChannel channel;
    private FileLock lock;
    private long end;

    private PositionFile(Path file, Logger log, boolean byInode, long mtimeAtOpenNanos, boolean birthTimes) {
        this.file = file;
        this.log = log;
        this.byInode = byInode;
        this.mtimeAtOpenNanos = mtimeAtOpenNanos;
        this.birthTimes = birthTimes;
    }

    static PositionFile inMemory() {
        return new PositionFile(null, null, false, 0, false);
    }

    /**
     * Opens (creating it and its directory when missing), reads what a previous run or Fluentd left, and
     * compacts. Garbage lines are skipped with a warning; the file is never refused for its content.
     *
     * @param byInode follow_inodes: entries are told apart by inode, so one path may have several
     */
    static PositionFile open(Path file, Logger log, boolean byInode) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        FileIdentity before = FileIdentity.statQuietly(file);
        long mtime = before == null ? 0 : before.mtimeNanos();
        // The last write time can be trusted unless it lies before the file was made (a pos file restored with
        // its old times, cp -p or tar). Equal times are trusted too: a run that made the pos file and wrote all
        // its positions within one clock tick of the file system leaves birth and modification time equal.
        boolean birthTimes = before != null && before.birthNanos() <= before.mtimeNanos();
        PositionFile pf = new PositionFile(file, log, byInode, mtime, birthTimes);
        FileChannel existing = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            pf.lock = lockOrFail(existing, file);
            pf.channel = existing;
            pf.load(Files.readAllBytes(file));
            pf.rewrite();
        } catch (IOException | RuntimeException e) {
            pf.close();
            throw e;
        }
        return pf;
    }

    private static FileLock lockOrFail(FileChannel ch, Path file) throws IOException {
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new IOException("pos_file " + file + " is in use by another tail source or process; "
                    + "each <source @type tail> needs its own pos_file");
        }
        return l;
    }

    private void load(byte[] content) {
        Map<String, PositionEntry> byKey = new LinkedHashMap<>();
        String text = new String(content, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = ENTRY.matcher(line);
            if (!m.find() || m.group(2).length() > 16 || m.group(3).length() > 16) {
                log.warn("Unparsable line in pos_file {}: {}", file, shortened(line));
                continue;
            }
            long pos = Long.parseUnsignedLong(m.group(2), 16);
            long inode = Long.parseUnsignedLong(m.group(3), 16);
            if (pos == PositionEntry.UNWATCHED) {
                continue;
            }
            String key = byInode ? Long.toString(inode) : m.group(1);
            PositionEntry old = byKey.put(key, new PositionEntry(m.group(1), pos, inode, 0));
            if (old != null) {
                log.warn("{} already exists in pos_file {}. use latest one: deleted {}", key, file, old);
            }
        }
        entries.addAll(byKey.values());
    }

    /** A damaged pos_file may hold anything; the log escapes it, and shows no more than this of it. */
    private static String shortened(String line) {
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    /** The entry of a path (path mode), or null; unwatched entries count as absent. */
    PositionEntry get(String path) {
        for (PositionEntry e : entries) {
            if (!e.unwatched() && e.path.equals(path)) {
                return e;
            }
        }
        return null;
    }

    /** The entry of an inode (follow_inodes), or null. */
    PositionEntry byInode(long inode) {
        for (PositionEntry e : entries) {
            if (!e.unwatched() && e.inode == inode) {
                return e;
            }
        }
        return null;
    }

    /** The watched entries, as loaded or added. */
    List<PositionEntry> entries() {
        return entries.stream().filter(e -> !e.unwatched()).toList();
    }

    PositionEntry add(String path, long position, long inode) throws IOException {
        PositionEntry e = new PositionEntry(path, position, inode, 0);
        entries.add(e);
        if (channel != null) {
            byte[] line = e.line().getBytes(StandardCharsets.UTF_8);
            e.offset = end + path.getBytes(StandardCharsets.UTF_8).length + 1;
            writeFully(ByteBuffer.wrap(line), end);
            end += line.length;
        }
        return e;
    }

    void update(PositionEntry e, long position, long inode) throws IOException {
        boolean inodeChanged = e.inode != inode;
        e.position = position;
        e.inode = inode;
        if (channel != null) {
            String field = inodeChanged ? PositionEntry.hex(position) + "\t" + PositionEntry.hex(inode) : PositionEntry.hex(position);
            writeFully(ByteBuffer.wrap(field.getBytes(StandardCharsets.US_ASCII)), e.offset);
        }
    }

    /** The file is no longer watched: Fluentd's {@code ffffffffffffffff}; dropped at the next compaction. */
    void unwatch(PositionEntry e) throws IOException {
        update(e, PositionEntry.UNWATCHED, e.inode);
    }

    /** Rewrites the file without unwatched entries. */
    void compact() throws IOException {
        entries.removeIf(PositionEntry::unwatched);
        rewrite();
    }

    /**
     * Writes every entry to a new file and renames it over the old one, so a crash leaves either file
     * whole; the lock moves to the new file.
     */
    private void rewrite() throws IOException {
        entries.removeIf(PositionEntry::unwatched);
        if (channel == null) {
            return;
        }
        StringBuilder b = new StringBuilder();
        long off = 0;
        for (PositionEntry e : entries) {
            e.offset = off + e.path.getBytes(StandardCharsets.UTF_8).length + 1;
            String line = e.line();
            b.append(line);
            off += line.getBytes(StandardCharsets.UTF_8).length;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, b.toString().getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        FileChannel fresh = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock freshLock = fresh.tryLock();
        releaseLock();
        channel = fresh;
        lock = freshLock;
        end = off;
    }

    long mtimeAtOpenNanos() {
        return mtimeAtOpenNanos;
    }

    /**
     * Whether a file with an entry's inode was made after the last position was written (so it cannot be the
     * file the entry meant, but a new one that got a deleted file's inode number, which ext4 does at once).
     * False when the file's birth time is unknown (the file system keeps none) or the pos file's last write
     * time cannot be trusted: then the inode number is all there is, as in Fluentd.
     */
    boolean bornAfterLastWrite(FileIdentity id) {
        return birthTimes && id.knowsBirth() && id.birthNanos() > mtimeAtOpenNanos;
    }

    private void writeFully(ByteBuffer buf, long at) throws IOException {
        long p = at;
        while (buf.hasRemaining()) {
            p += channel.write(buf, p);
        }
    }

    private void releaseLock() throws IOException {
        if (lock != null && lock.isValid()) {
            lock.release();
        }
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void close() throws IOException {
        releaseLock();
        channel = null;
        lock = null;
    }
}
