package io.floe.inputs.tail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * What one stat of a path says about the file behind it (symlinks followed, as Fluentd's {@code File.stat}):
 * the inode Fluentd keeps in its pos file, the size, the modification and birth times, and whether it is a
 * regular file at all (a FIFO must never be opened: the open would block until a writer comes).
 */
record FileIdentity(long inode, long size, long mtimeNanos, long birthNanos, boolean regular) {

    /** The path's file, or null when nothing is there; other failures (ENOTDIR, ELOOP, EACCES) are thrown. */
    static FileIdentity stat(Path path) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(path, "unix:ino,size,lastModifiedTime,creationTime,isRegularFile");
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
        return new FileIdentity((Long) a.get("ino"), (Long) a.get("size"), nanos(a.get("lastModifiedTime")),
                nanos(a.get("creationTime")), (Boolean) a.get("isRegularFile"));
    }

    /**
     * One plain stat, for the once-a-second look at every idle file: its key says whether it is still the
     * same file. Null when nothing is there; other failures are thrown.
     */
    static BasicFileAttributes quick(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    /** Like {@link #stat} but any failure reads as "not there": for scans where the caller only compares. */
    static FileIdentity statQuietly(Path path) {
        try {
            return stat(path);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long nanos(Object fileTime) {
        return ((FileTime) fileTime).to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * Whether the birth time is surely real: where the file system has none, Java reports the modification
     * time instead. (A file written in the same clock tick it was made in also shows both equal; it is then
     * treated as unknown, which errs towards Fluentd's behaviour.)
     */
    boolean knowsBirth() {
        return birthNanos < mtimeNanos;
    }
}
