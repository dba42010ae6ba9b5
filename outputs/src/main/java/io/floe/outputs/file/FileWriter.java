package io.floe.outputs.file;

import io.floe.api.Chunk;
import io.floe.api.UnrecoverableException;
import io.floe.codec.text.RubyText;
import io.floe.outputs.format.Formatter;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one chunk into one file, all or nothing: a failed write is undone (a new file deleted, an
 * appended file truncated back) so the engine's retry does not leave a partial copy behind. With gzip,
 * each write is one complete gzip member, so appended files stay readable as one stream.
 *
 * <p>A failure of the file itself (a full disk, a lost mount) may pass and is thrown as it is, for a retry;
 * anything else that stops a write comes from the chunk's bytes (a record that cannot be decoded or
 * formatted), which no retry changes: that is an {@link UnrecoverableException}.
 */
final class FileWriter {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Formatter formatter;
    private final boolean gzip;

    FileWriter(Formatter formatter, boolean gzip) {
        this.formatter = formatter;
        this.gzip = gzip;
    }

    /** Fluentd's default dir_permission 0755. */
    static void createParents(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            if (POSIX) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            } else {
                Files.createDirectories(dir);
            }
        }
    }

    /** Writes a new file; throws FileAlreadyExistsException, leaving the file alone, when it exists. */
    void create(Path file, Chunk chunk) throws IOException, UnrecoverableException {
        try (FileChannel ch = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), perms())) {
            try {
                writeChunk(ch, chunk);
            } catch (IOException | UnrecoverableException | RuntimeException e) {
                ch.close();
                Files.deleteIfExists(file);
                throw e;
            }
        }
    }

    void append(Path file, Chunk chunk) throws IOException, UnrecoverableException {
        try (FileChannel ch = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), perms())) {
            long before = ch.size();
            try {
                writeChunk(ch, chunk);
            } catch (IOException | UnrecoverableException | RuntimeException e) {
                try {
                    ch.truncate(before);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    private void writeChunk(FileChannel ch, Chunk chunk) throws IOException, UnrecoverableException {
        KeepOpen channel = new KeepOpen(Channels.newOutputStream(ch));
        OutputStream file = new BufferedOutputStream(channel, 1 << 16);
        OutputStream out = gzip ? new GZIPOutputStream(file, 1 << 16) : file;
        String tag = null;
        try (out) {
            for (Chunk.Tagged t : chunk.streams()) {
                tag = t.tag();
                String current = tag;
                t.events().forEach((sec, nsec, rec, off, len) -> formatter.format(current, sec, nsec, rec, off, len, out));
            }
        } catch (IOException | RuntimeException e) {
            if (channel.failure != null) {
                throw channel.failure;
            }
            throw new UnrecoverableException("cannot format the events of tag " + RubyText.forLog(String.valueOf(tag))
                    + ": " + e, e);
        }
    }

    /** Fluentd's default file_permission 0644 (the umask still applies, as it does for Fluentd). */
    private static FileAttribute<?>[] perms() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"))}
                : new FileAttribute<?>[0];
    }

    /**
     * Lets the stream stack be closed (ending the gzip member, freeing the deflater) while the channel stays open for a
     * rollback, and remembers the file's own failure, so it is told apart from the chunk's.
     */
    private static final class KeepOpen extends FilterOutputStream {
        IOException failure;

        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
