package io.floe.buffer.file;

import io.floe.buffer.StorageFullException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The free space of the file system a file buffer lives on, and the part of it batches may not take.
 *
 * <p>The journal (Chronicle Queue) writes through memory maps of sparse files: a page it touches for the
 * first time needs a new block, and when the file system has none the kernel answers with {@code SIGBUS},
 * which kills the process (on tmpfs as on ext4). Batch bytes go through {@code write(2)}, which fails
 * cleanly. So batches are admitted only while, after them, at least {@link #reserve} bytes stay free: that
 * reserve is the journal's, for the records of the batches already admitted and for the markers that
 * queue and purge chunks while the output drains the buffer. Batches being copied count against the free
 * space until their {@code write(2)} returns, so writers on several threads cannot pass the check together.
 *
 * <p>A refusal is logged once per {@link #LOG_INTERVAL_NANOS}, naming the path and the free space, with the
 * number of writes refused since the last line; the first write admitted again is logged too.
 */
final class DiskSpace {
    /** What batches leave free for the journal by default. */
    static final long DEFAULT_RESERVE = 8L << 20;
    static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(15);
    /** Below this the journal itself stops appending what it can do without (markers): a {@code SIGBUS} is near. */
    private static final int CRITICAL_FRACTION = 4;

    private final Path dir;
    private final long reserve;
    private final LongSupplier usable;
    private final LongSupplier nanoTime;
    private final Logger log;
    private long inFlight;
    private long knownFree = -1;
    private boolean refusing;
    private volatile boolean shortOfSpace;
    private boolean writesFailing;
    private long loggedAtNanos;
    private long refusedInSpell;
    private long heldBack;

    DiskSpace(Path dir, long reserve, Logger log) throws IOException {
        this(dir, reserve, usableSpace(Files.getFileStore(dir)), System::nanoTime, log);
    }

    /** {@code usable} reads the free space, {@code nanoTime} the clock (tests give their own). */
    DiskSpace(Path dir, long reserve, LongSupplier usable, LongSupplier nanoTime, Logger log) {
        this.dir = dir;
        this.reserve = reserve;
        this.usable = usable;
        this.nanoTime = nanoTime;
        this.log = log;
    }

    private static LongSupplier usableSpace(FileStore store) {
        return () -> {
            try {
                return store.getUsableSpace();
            } catch (IOException e) {
                return 0; // cannot tell: treat as full, and try again at the next write
            }
        };
    }

    /**
     * Admits a batch of {@code len} bytes about to be written, or refuses it when it would eat into the
     * journal's reserve. {@code giveBack} frees what the buffer can spare (spare files, a drained file being written) before a refusal.
     * An admitted batch must be {@link #written} once its bytes are written or given up.
     */
    synchronized void admit(long len, Runnable giveBack) throws StorageFullException {
        long now = nanoTime.getAsLong();
        // Read at every batch (one statvfs call): another process may have filled the disk since the last.
        read();
        if (free() - len < reserve) {
            giveBack.run();
            read();
        }
        if (free() - len < reserve) {
            refuse(now, "no space left for the buffer");
        }
        if (refusing) {
            refusing = false;
            log.info("buffer {}: space is back ({} free), taking writes again after {} refused", dir, mib(free()), refusedInSpell);
            refusedInSpell = 0;
            heldBack = 0;
        }
        inFlight += len;
    }

    /** The admitted batch's bytes are written (or were given up): the file system's own count has them now. */
    synchronized void written(long len, boolean ok) {
        inFlight -= len;
        writesFailing &= !ok;
    }

    /** A write of batch bytes failed (ENOSPC, EDQUOT, EIO, a read-only file system): refuses it, logged like a full disk. */
    synchronized StorageFullException failed(Throwable cause) {
        long now = nanoTime.getAsLong();
        read();
        writesFailing = true;
        try {
            refuse(now, "cannot write buffer data: " + rootMessage(cause));
        } catch (StorageFullException e) {
            e.initCause(cause);
            return e;
        }
        throw new AssertionError("refuse always throws");
    }

    /**
     * True while free space is so low that even the journal's small records could meet a full file system,
     * or while batch writes fail for another reason (a quota, a file system remounted read-only): until one
     * succeeds again, the journal's mapped writes could fault as well.
     */
    synchronized boolean critical() {
        read();
        return writesFailing || knownFree < reserve / CRITICAL_FRACTION;
    }

    /**
     * True when spare files may be kept: with less than twice the reserve free, their blocks are worth more.
     * Not synchronized: the data files ask under their own lock, which {@link #admit} may take (giving spares back).
     */
    boolean roomForSpares() {
        return !shortOfSpace;
    }

    private void read() {
        knownFree = usable.getAsLong();
        shortOfSpace = knownFree - inFlight < 2 * reserve;
    }

    /** The free space last read, less what admitted batches are still writing. */
    synchronized long free() {
        return knownFree - inFlight;
    }

    private void refuse(long now, String why) throws StorageFullException {
        String message = "buffer " + dir + ": " + why + " (" + mib(Math.max(0, knownFree)) + " free on its file system, "
                + mib(reserve) + " kept for the journal): writes are refused, and not acknowledged, until space frees";
        refusedInSpell++;
        if (!refusing || now - loggedAtNanos >= LOG_INTERVAL_NANOS) {
            log.error("{}{}", message, heldBack > 0 ? " (" + heldBack + " more writes refused since the last message)" : "");
            heldBack = 0;
            loggedAtNanos = now;
            refusing = true;
        } else {
            heldBack++;
        }
        throw new StorageFullException(message);
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
