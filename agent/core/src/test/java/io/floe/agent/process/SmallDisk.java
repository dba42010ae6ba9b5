package io.floe.agent.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A small file system of its own (tmpfs), so a test can fill it: mounted by the test, unmounted on close.
 * Mounting needs root, which CI has; elsewhere the test fails saying so rather than testing something else.
 */
final class SmallDisk implements AutoCloseable {
    private final Path dir;

    private SmallDisk(Path dir) {
        this.dir = dir;
    }

    static SmallDisk mount(Path dir, int mib) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new AssertionError("this test mounts a " + mib + " MiB tmpfs and must run as root (as CI runs the suite)");
        }
        run(List.of("mount", "-t", "tmpfs", "-o", "size=" + mib + "m", "tmpfs", dir.toString()));
        return new SmallDisk(dir);
    }

    Path path() {
        return dir;
    }

    /** Bytes in use on the file system (what {@code df} shows as used). */
    long used() throws IOException {
        FileStore fs = Files.getFileStore(dir);
        return fs.getTotalSpace() - fs.getUnallocatedSpace();
    }

    /** Waits until less than {@code bytes} are in use (a buffer has given its space back); returns the bytes in use then. */
    long awaitUsedBelow(long bytes, Duration timeout) throws IOException {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> used() < bytes);
        return used();
    }

    long free() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    /** Writes {@code file} until the file system has no block left; returns the bytes written. */
    long fill(Path file) throws IOException {
        byte[] block = new byte[64 << 10];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
                out.flush();
                written += block.length;
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        return written;
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run(List.of("umount", dir.toString()));
        } catch (IOException busy) {
            run(List.of("umount", "-l", dir.toString())); // a process of the test still holds a file open
        }
    }
}
