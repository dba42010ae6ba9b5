package io.floe.buffer.file;

import static io.floe.buffer.file.FileChunkBufferTest.LIMITS;
import static io.floe.buffer.file.FileChunkBufferTest.batch;
import static io.floe.buffer.file.FileChunkBufferTest.idOf;
import static io.floe.buffer.file.FileChunkBufferTest.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.buffer.BufferChunk;
import io.floe.buffer.BufferOverflowException;
import io.floe.buffer.Durability;
import io.floe.buffer.Segment;
import io.floe.buffer.StorageFullException;
import io.floe.testkit.RecordingLogger;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file buffer on a real, small file system (a 24 MiB tmpfs the test mounts, so it runs as root, as CI
 * does): filled until it refuses, it never crashes on a memory-mapped write, keeps everything it accepted
 * intact, and takes writes again once the output has drained it.
 */
class FileChunkBufferFullDiskTest {
    private static final long RESERVE = 4L << 20;

    @TempDir
    Path dir;
    private Path disk;

    @BeforeEach
    void mount() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new AssertionError("this test mounts a tmpfs and must run as root (as CI runs the suite)");
        }
        disk = Files.createDirectories(dir.resolve("small"));
        run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", disk.toString());
    }

    @AfterEach
    void unmount() throws Exception {
        // Chronicle unmaps a closed queue's files on a background thread; on a loaded machine that can come after
        // the test ends, so a busy mount is detached lazily and goes once the last mapping is released.
        if (!attempt("umount", disk.toString())) {
            run("umount", "-l", disk.toString());
        }
    }

    private static void run(String... cmd) throws Exception {
        assertTrue(attempt(cmd), String.join(" ", cmd) + " failed");
    }

    private static boolean attempt(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        if (!ok) {
            System.err.println(String.join(" ", cmd) + ": " + out.strip());
        }
        return ok;
    }

    private FileChunkBuffer open(Durability durability) throws IOException {
        return open(durability, RESERVE);
    }

    private FileChunkBuffer open(Durability durability, long reserve) throws IOException {
        return FileChunkBuffer.open(disk.resolve("buffer"), LIMITS, durability, Duration.ofSeconds(1),
                new RecordingLogger("test"), reserve);
    }

    private long free() throws IOException {
        FileStore fs = Files.getFileStore(disk);
        return fs.getUsableSpace();
    }

    @Test
    void aFullDiskRefusesCleanlyKeepsWhatWasAcceptedAndResumesOnceDrained() throws Exception {
        fillDrainAndRefill(Durability.OFF);
    }

    @Test
    void theSameWithEveryWriteForced() throws Exception {
        fillDrainAndRefill(Durability.ALWAYS);
    }

    private void fillDrainAndRefill(Durability durability) throws Exception {
        try (FileChunkBuffer b = open(durability)) {
            int accepted = 0;
            int refused = 0;
            for (int n = 0; refused < 100; n++) {
                try {
                    b.write(key("app"), batch("app", n, 32 << 10));
                    accepted = n + 1;
                } catch (StorageFullException e) {
                    refused++;
                }
            }
            assertTrue(accepted > 400, "most of the 24 MiB took batches: " + accepted);
            assertTrue(free() >= RESERVE / 2, "the journal's reserve stayed free: " + free());

            b.enqueue(c -> true);
            Set<Integer> seen = new HashSet<>();
            BufferChunk c;
            while ((c = b.take()) != null) {
                for (Segment s : c.segments()) {
                    int id = idOf(s);
                    assertArrayEquals(batch("app", id, 32 << 10).data(), Arrays.copyOfRange(s.data(), s.offset(), s.offset() + s.length()),
                            "batch " + id + " is intact");
                    seen.add(id);
                }
                b.purge(c);
            }
            assertEquals(accepted, seen.size(), "every accepted batch is there");

            for (int n = 0; n < 100; n++) {
                b.write(key("app"), batch("app", 100_000 + n, 32 << 10)); // admitted again, without a restart
            }
        }
    }

    @Test
    void filledBySomeoneElseTheBufferRefusesRatherThanCrashes() throws Exception {
        // Many chunks: their markers, were they written, would touch new pages of the journal's map.
        filledBySomeoneElse(RESERVE, 2000);
    }

    /**
     * Stages {@code chunks} chunks, fills the file system from outside, then refuses writes, flushes every chunk
     * intact, and takes writes again once the filler is gone.
     */
    private void filledBySomeoneElse(long reserve, int chunks) throws Exception {
        RecordingLogger log = new RecordingLogger("test");
        try (FileChunkBuffer b = FileChunkBuffer.open(disk.resolve("buffer"), LIMITS, Durability.OFF, Duration.ofSeconds(1), log, reserve)) {
            for (int n = 0; n < chunks; n++) {
                b.write(key("app" + n), batch("app" + n, n, 200));
            }
            Path filler = disk.resolve("filler");
            try (var out = Files.newOutputStream(filler)) {
                byte[] block = new byte[1 << 16];
                while (true) {
                    out.write(block);
                }
            } catch (IOException full) {
                // the file system has no block left
            }
            for (int n = 0; n < 50; n++) {
                Segment s = batch("app", chunks + n, 1000);
                assertThrows(BufferOverflowException.class, () -> b.write(key("app"), s));
            }
            b.enqueue(c -> true); // markers the journal skips: on a full disk its mapped write would be a SIGBUS
            Set<Integer> seen = new HashSet<>();
            BufferChunk c;
            while ((c = b.take()) != null) {
                Segment s = c.segments().get(0);
                assertArrayEquals(batch("app", idOf(s), 200).data(), Arrays.copyOfRange(s.data(), s.offset(), s.offset() + s.length()));
                seen.add(idOf(s));
                b.purge(c);
            }
            assertEquals(chunks, seen.size(), "every chunk was flushed");
            Files.delete(filler);
            b.write(key("app"), batch("app", 99_999, 1000));
            assertEquals(1, b.staged().size());
        }
    }
}
