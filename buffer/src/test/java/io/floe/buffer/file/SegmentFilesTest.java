package io.floe.buffer.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data files under the journal: written with write(2) when fresh, through their mapping once recycled. */
class SegmentFilesTest {
    private static final int BATCH = 1 << 20;

    @TempDir
    Path dir;

    private final Random random = new Random(42);

    private byte[] batch(int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    /** What this process maps from the buffer directory, as the kernel lists it. */
    private List<String> mappedFromDir() throws IOException {
        String prefix = dir.toRealPath().toString();
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.contains(prefix)).toList();
    }

    /** Appends a batch and records it, as the buffer does; returns its locator. */
    private long write(SegmentFiles files, byte[] data) {
        long locator = files.append(data, 0, data.length);
        files.retain(SegmentFiles.fileOf(locator));
        return locator;
    }

    /**
     * Writes {@code fileCount} files' worth of batches, each released once the next is written, as with an output
     * that keeps up (files are emptied and recycled); returns the locator of the last batch, still held.
     */
    private long writeKeepingUp(SegmentFiles files, int fileCount) {
        long last = -1;
        for (int i = 0; i < fileCount * SegmentFiles.ROLL_AT / BATCH; i++) {
            long locator = write(files, batch(BATCH));
            if (last >= 0) {
                files.release(SegmentFiles.fileOf(last));
            }
            last = locator;
        }
        return last;
    }

    @Test
    void recycledFilesAreWrittenThroughTheirMappingAndReadBackByteForByte() throws Exception {
        try (SegmentFiles files = new SegmentFiles(dir)) {
            List<long[]> written = new ArrayList<>();
            List<byte[]> contents = new ArrayList<>();
            // Five files' worth, each batch released once the next file starts: files are emptied and recycled.
            int perFile = (int) (SegmentFiles.ROLL_AT / BATCH);
            for (int i = 0; i < 5 * perFile; i++) {
                byte[] data = batch(BATCH - 7 * (i % 3)); // uneven sizes, so batches do not line up with pages
                long locator = write(files, data);
                written.add(new long[] {locator, data.length});
                contents.add(data);
                assertArrayEquals(data, files.read(locator, data.length), "batch " + i);
                if (i >= perFile) {
                    long[] old = written.get(i - perFile);
                    assertArrayEquals(contents.get(i - perFile), files.read(old[0], (int) old[1]), "batch " + (i - perFile) + " before release");
                    files.release(SegmentFiles.fileOf(old[0]));
                }
            }
            assertTrue(mappedFromDir().stream().anyMatch(l -> l.matches(".*/data-\\d+\\.seg$")),
                    "a recycled data file is written through a mapping: " + mappedFromDir());
            for (int i = written.size() - perFile; i < written.size(); i++) {
                assertArrayEquals(contents.get(i), files.read(written.get(i)[0], (int) written.get(i)[1]), "batch " + i);
            }
        }
        assertEquals(List.of(), mappedFromDir(), "closing releases every mapping");
    }

    @Test
    void aBatchLargerThanARecycledFilesMappingIsWrittenWhole() throws Exception {
        try (SegmentFiles files = new SegmentFiles(dir)) {
            // Fill and empty files until a spare exists, then write one batch larger than any spare.
            long last = writeKeepingUp(files, 3);
            byte[] big = batch((int) SegmentFiles.ROLL_AT + 4096);
            long locator = write(files, big);
            files.release(SegmentFiles.fileOf(last));
            assertArrayEquals(big, files.read(locator, big.length));
            byte[] after = batch(BATCH);
            long next = write(files, after);
            assertArrayEquals(after, files.read(next, after.length));
            assertArrayEquals(big, files.read(locator, big.length));
        }
    }

    /** A backlog (an output down or slow) must not keep its full files mapped: they would all count in RSS. */
    @Test
    void aBacklogOfFullFilesIsNotKeptMapped() throws Exception {
        try (SegmentFiles files = new SegmentFiles(dir)) {
            int perFile = (int) (SegmentFiles.ROLL_AT / BATCH);
            // An output that keeps up: files are emptied and recycled.
            long last = writeKeepingUp(files, 4);
            files.release(SegmentFiles.fileOf(last));
            // Now the output takes one batch for every two written: the backlog grows while emptied files are
            // still recycled (and mapped for writing).
            java.util.ArrayDeque<long[]> backlog = new java.util.ArrayDeque<>();
            java.util.ArrayDeque<byte[]> contents = new java.util.ArrayDeque<>();
            for (int i = 0; i < 16 * perFile; i++) {
                byte[] data = batch(BATCH);
                backlog.addLast(new long[] {write(files, data), data.length});
                contents.addLast(data);
                if (i % 2 == 1) {
                    long[] oldest = backlog.pollFirst();
                    assertArrayEquals(contents.pollFirst(), files.read(oldest[0], (int) oldest[1]));
                    files.release(SegmentFiles.fileOf(oldest[0]));
                }
            }
            long mappedData = mappedFromDir().stream().filter(l -> l.matches(".*/data-\\d+\\.seg$")).count();
            assertTrue(mappedData <= 2, "only the file being written and the one before stay mapped: " + mappedFromDir());
            while (!backlog.isEmpty()) {
                long[] b = backlog.pollFirst();
                assertArrayEquals(contents.pollFirst(), files.read(b[0], (int) b[1]));
            }
        }
    }

    /** Dropping everything while a batch is being copied in would lose a write about to be acknowledged. */
    @Test
    void aResetWaitsUntilNoBatchIsBeingCopiedIn() throws Exception {
        try (SegmentFiles files = new SegmentFiles(dir)) {
            byte[] data = batch(4096);
            long copied = files.append(data, 0, data.length); // copied in, not yet recorded by the journal
            assertFalse(files.reset(), "reset while a batch is in flight");
            files.retain(SegmentFiles.fileOf(copied));
            assertArrayEquals(data, files.read(copied, data.length), "the batch is still there");
            files.release(SegmentFiles.fileOf(copied));
            assertTrue(files.reset());
        }
    }

    @Test
    void aResetReleasesTheMappingsAndTheDiskSpace() throws Exception {
        try (SegmentFiles files = new SegmentFiles(dir)) {
            long last = writeKeepingUp(files, 4);
            assertFalse(mappedFromDir().isEmpty(), "files were recycled through mappings");
            files.release(SegmentFiles.fileOf(last));
            assertTrue(files.reset());
            assertEquals(List.of(), mappedFromDir(), "no mapping, not even of a deleted file, holds pages or disk");
            try (var left = Files.list(dir)) {
                assertEquals(List.of(), left.filter(p -> Files.isRegularFile(p) && sizeOf(p) > 0).toList());
            }
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
