package io.floe.buffer.file;

import static io.floe.buffer.file.FileChunkBufferTest.batch;
import static io.floe.buffer.file.FileChunkBufferTest.idOf;
import static io.floe.buffer.file.FileChunkBufferTest.key;
import static io.floe.testkit.BufferFileDamage.journalRecords;
import static io.floe.testkit.BufferFileDamage.overwrite;
import static io.floe.testkit.BufferFileDamage.truncate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.buffer.BufferChunk;
import io.floe.buffer.BufferLimits;
import io.floe.buffer.Durability;
import io.floe.buffer.OverflowAction;
import io.floe.buffer.Segment;
import io.floe.testkit.BufferFileDamage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged buffer files at start-up (a power cut, a full disk): the buffer opens, gives back every batch
 * whose bytes are intact, reports the rest once (what could be read of it included), and later writes
 * survive the next restart.
 */
class DamagedFilesTest {
    private static final BufferLimits LIMITS = new BufferLimits(4 << 10, 0, 64 << 20, OverflowAction.THROW_EXCEPTION);
    private static final int BATCH = 1000;

    @TempDir
    Path dir;
    @TempDir
    Path backup;
    private final Reports reports = new Reports();

    /** What the buffer reported, damaged files moved out as the agent's backup does. */
    private final class Reports implements BufferDamage {
        final List<String> lines = new ArrayList<>();
        long chunkEvents;
        final List<Segment> salvaged = new ArrayList<>();
        final List<Path> files = new ArrayList<>();

        @Override
        public synchronized void chunk(String chunkId, Collection<Path> files, List<Segment> salvaged, long events, String what) {
            lines.add("chunk " + chunkId + " " + files + " " + events + ": " + what);
            chunkEvents += events;
            this.salvaged.addAll(salvaged);
        }

        @Override
        public synchronized void file(Path file, long events, String what) {
            lines.add("file " + file.getFileName() + " " + events + ": " + what);
            try {
                Path to = backup.resolve(file.getFileName());
                Files.move(file, to);
                files.add(to);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private FileChunkBuffer open() throws IOException {
        return FileChunkBuffer.open(dir, LIMITS, Durability.OFF, Duration.ofSeconds(1), reports);
    }

    /** Writes batches {@code from..to-1} over three keys, in one process lifetime (so in one data file). */
    private void write(int from, int to) throws Exception {
        try (FileChunkBuffer b = open()) {
            for (int i = from; i < to; i++) {
                b.write(key("k" + i % 3), batch("t", i, BATCH));
            }
        }
    }

    /** Every batch the buffer gives back, by number; each chunk taken back, so the buffer keeps them. */
    private static List<Integer> read(FileChunkBuffer b) {
        b.enqueue(c -> true);
        List<BufferChunk> taken = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        BufferChunk c;
        while ((c = b.take()) != null) {
            taken.add(c);
            for (Segment s : c.segments()) {
                if (s.length() > 0) {
                    ids.add(idOf(s));
                }
            }
        }
        taken.forEach(b::takeBack);
        return ids.stream().sorted().toList();
    }

    /** The bytes of batches {@code from..to-1}, whose records the journal's damage took, are in the backup. */
    private void assertUnrecordedBatchesBackedUp(int from, int to) throws IOException {
        Path tail = reports.files.stream().filter(p -> p.getFileName().toString().contains(".unrecorded-from-")).findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(tail);
        assertEquals((to - from) * BATCH, bytes.length);
        for (int i = from; i < to; i++) {
            assertEquals(i, idOf(new Segment("t", bytes, (i - from) * BATCH, BATCH, 1)));
        }
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    /**
     * After the damage was dealt with: new writes go in, and all of it survives one more restart, with no new
     * report (a batch failing its checksum is found when read, so until its chunk is written out, a restart
     * reports it again, in the same words).
     */
    private void laterWritesSurviveARestart(List<Integer> survivors) throws Exception {
        Set<String> reported = Set.copyOf(reports.lines);
        write(1000, 1010);
        try (FileChunkBuffer b = open()) {
            List<Integer> expected = new ArrayList<>(survivors);
            expected.addAll(range(1000, 1010));
            assertEquals(expected, read(b));
        }
        assertEquals(reported, Set.copyOf(reports.lines));
    }

    /** The journal's newest cycle file (the only one, unless the hour turned during the test). */
    private Path journal() throws IOException {
        List<Path> cycles = JournalScan.cycleFiles(dir);
        return cycles.get(cycles.size() - 1);
    }

    private List<Path> dataFiles() throws IOException {
        return BufferFileDamage.dataFiles(dir);
    }

    /** Garbage of a fixed seed: a failure repeats. */
    private static byte[] garbage(int n) {
        return BufferFileDamage.garbage(n, 15);
    }

    @Test
    void aJournalCutShortKeepsTheBatchesRecordedBeforeTheCut() throws Exception {
        write(0, 30);
        Path journal = journal();
        List<Long> records = journalRecords(journal);
        long cut = records.get(20) + 10; // inside the 21st record: the markers between are data records too
        truncate(journal, cut);
        List<Integer> kept;
        try (FileChunkBuffer b = open()) {
            kept = read(b);
        }
        assertFalse(kept.isEmpty());
        assertEquals(range(0, kept.size()), kept, "a prefix of what was written, in the order written");
        assertTrue(kept.size() < 30);
        assertEquals(2, reports.lines.size(), reports.lines.toString());
        assertTrue(reports.lines.get(0).startsWith("file " + journal.getFileName() + " " + kept.size() + ": cut short inside the record at byte "),
                reports.lines.toString());
        assertTrue(Files.exists(backup.resolve(journal.getFileName())), "the damaged journal file is in the backup");
        assertUnrecordedBatchesBackedUp(kept.size(), 30);
        laterWritesSurviveARestart(kept);
    }

    @Test
    void aZeroLengthJournalLosesItsRecordsButNotTheDataFile() throws Exception {
        write(0, 30);
        Path data = dataFiles().get(0);
        truncate(journal(), 0);
        try (FileChunkBuffer b = open()) {
            assertEquals(List.of(), read(b));
        }
        assertEquals(2, reports.lines.size(), reports.lines.toString());
        assertTrue(reports.lines.get(0).contains("cut short at byte 0"), reports.lines.toString());
        assertTrue(reports.lines.get(1).startsWith("file " + data.getFileName() + " -1: no intact journal record"), reports.lines.toString());
        assertEquals(30L * BATCH, Files.size(backup.resolve(data.getFileName())), "the batches' bytes are in the backup");
        laterWritesSurviveARestart(List.of());
    }

    @Test
    void garbageInTheJournalKeepsTheRecordsBeforeIt() throws Exception {
        write(0, 30);
        Path journal = journal();
        overwrite(journal, journalRecords(journal).get(15) + 6, garbage(200));
        List<Integer> kept;
        try (FileChunkBuffer b = open()) {
            kept = read(b);
        }
        assertEquals(range(0, kept.size()), kept);
        assertTrue(kept.size() < 30, kept.toString());
        assertEquals(2, reports.lines.size(), reports.lines.toString());
        assertTrue(reports.lines.get(0).startsWith("file " + journal.getFileName() + " " + kept.size() + ": "), reports.lines.toString());
        assertUnrecordedBatchesBackedUp(kept.size(), 30);
        laterWritesSurviveARestart(kept);
    }

    @Test
    void garbageOverTheJournalsFileHeaderIsReportedAndTheBufferStarts() throws Exception {
        write(0, 30);
        overwrite(journal(), 0, garbage(64));
        try (FileChunkBuffer b = open()) {
            assertEquals(List.of(), read(b));
        }
        assertTrue(reports.lines.get(0).matches("file .*\\.cq4 0: .* at byte 0"), reports.lines.toString());
        laterWritesSurviveARestart(List.of());
    }

    @Test
    void garbageInChroniclesMetadataFileLosesNothing() throws Exception {
        write(0, 30);
        overwrite(dir.resolve(JournalScan.METADATA), 0, garbage(512));
        try (FileChunkBuffer b = open()) {
            assertEquals(range(0, 30), read(b));
        }
        assertEquals(1, reports.lines.size(), reports.lines.toString());
        assertTrue(reports.lines.get(0).startsWith("file metadata.cq4t -1: "), reports.lines.toString());
        laterWritesSurviveARestart(range(0, 30));
    }

    @Test
    void aZeroLengthDataFileLosesOnlyItsOwnBatches() throws Exception {
        write(0, 30);
        write(30, 60);
        truncate(dataFiles().get(1), 0);
        try (FileChunkBuffer b = open()) {
            assertEquals(range(0, 30), read(b));
        }
        assertEquals(30, reports.chunkEvents, reports.lines.toString());
        assertEquals(List.of(), reports.salvaged, "nothing of them was left to back up");
        assertTrue(reports.lines.stream().allMatch(l -> l.contains("the data file ends at byte 0")), reports.lines.toString());
        laterWritesSurviveARestart(range(0, 30));
    }

    @Test
    void aDataFileCutShortKeepsTheBatchesBeforeTheCutAndSalvagesTheCutOne() throws Exception {
        write(0, 30);
        Path data = dataFiles().get(0);
        truncate(data, 20L * BATCH + 300); // batches 0..19 whole, 300 bytes of batch 20
        try (FileChunkBuffer b = open()) {
            assertEquals(range(0, 20), read(b));
        }
        assertEquals(10, reports.chunkEvents, reports.lines.toString());
        assertEquals(1, reports.salvaged.size());
        assertEquals(300, reports.salvaged.get(0).length());
        assertEquals(20, idOf(reports.salvaged.get(0)), "the cut batch's first bytes are what was written");
        laterWritesSurviveARestart(range(0, 20));
    }

    @Test
    void aMissingDataFileLosesOnlyItsOwnBatches() throws Exception {
        write(0, 30);
        write(30, 60);
        write(60, 90);
        Files.delete(dataFiles().get(1));
        try (FileChunkBuffer b = open()) {
            List<Integer> expected = new ArrayList<>(range(0, 30));
            expected.addAll(range(60, 90));
            assertEquals(expected, read(b));
            assertEquals(30, reports.chunkEvents, reports.lines.toString());
            assertTrue(reports.lines.stream().allMatch(l -> l.contains("the data file is missing")), reports.lines.toString());
        }
        List<Integer> expected = new ArrayList<>(range(0, 30));
        expected.addAll(range(60, 90));
        laterWritesSurviveARestart(expected);
    }

    @Test
    void garbageInADataFileIsReportedOncePerChunkWithEveryDamagedBatch() throws Exception {
        write(0, 30);
        Path data = dataFiles().get(0);
        // Three batches of 1000 bytes make a chunk: batches 3 and 6 (key k0) are in one, 4 (key k1) in another.
        overwrite(data, 3L * BATCH + 500, garbage(10));
        overwrite(data, 6L * BATCH + 500, garbage(10));
        overwrite(data, 4L * BATCH + 500, garbage(10));
        try (FileChunkBuffer b = open()) {
            List<Integer> expected = new ArrayList<>(range(0, 30));
            expected.removeAll(List.of(3, 4, 6));
            assertEquals(expected, read(b));
            assertEquals(expected, read(b), "a second read neither delivers nor reports them again");
        }
        assertEquals(3, reports.chunkEvents, reports.lines.toString());
        assertEquals(List.of(3, 4, 6), reports.salvaged.stream().map(FileChunkBufferTest::idOf).sorted().toList(),
                "the damaged batches' bytes are backed up as read");
        assertEquals(2, reports.lines.size(), reports.lines.toString());
    }

    @Test
    void everyKindOfDamageAtOnce() throws Exception {
        write(0, 30);   // data file A: garbage in batch 5
        write(30, 60);  // data file B: cut inside batch 40
        write(60, 90);  // data file C: deleted
        write(90, 120); // data file D: zero length
        List<Path> data = dataFiles();
        overwrite(data.get(0), 5L * BATCH + 10, garbage(10));
        truncate(data.get(1), 10L * BATCH + 1);
        Files.delete(data.get(2));
        truncate(data.get(3), 0);
        Path journal = journal();
        List<Long> records = journalRecords(journal);
        truncate(journal, records.get(records.size() - 5) + 3); // the last records are cut off
        overwrite(dir.resolve(JournalScan.METADATA), 0, garbage(100));
        List<Integer> kept;
        try (FileChunkBuffer b = open()) {
            kept = read(b);
        }
        List<Integer> expected = new ArrayList<>(range(0, 40));
        expected.remove(Integer.valueOf(5));
        assertEquals(expected, kept);
        assertTrue(reports.lines.stream().anyMatch(l -> l.startsWith("file " + journal.getFileName())), reports.lines.toString());
        assertTrue(reports.lines.stream().anyMatch(l -> l.startsWith("file metadata.cq4t")), reports.lines.toString());
        laterWritesSurviveARestart(expected);
    }

    /** A crash while a rebuilt journal replaces a damaged one: the next start finishes the swap, or drops a half-built one. */
    @Test
    void aJournalSwapACrashInterruptedIsFinishedOrDroppedAtTheNextStart() throws Exception {
        write(0, 30);
        Path rebuild = Files.createDirectories(dir.resolve("journal.rebuild"));
        Files.writeString(rebuild.resolve("20200101-00F.cq4"), "half written, no complete mark");
        try (FileChunkBuffer b = open()) {
            assertEquals(range(0, 30), read(b));
        }
        assertFalse(Files.exists(rebuild), "a rebuild without its complete mark is dropped");
        assertEquals(List.of(), reports.lines);

        // The state a crash leaves after the new journal was complete: the old (damaged) files still in place.
        Files.createDirectories(rebuild);
        Path journal = journal();
        Files.copy(journal, rebuild.resolve(journal.getFileName()));
        Files.copy(dir.resolve(JournalScan.METADATA), rebuild.resolve(JournalScan.METADATA));
        Files.writeString(rebuild.resolve("complete"), journal.getFileName() + "\n" + JournalScan.METADATA);
        truncate(journal, 100);
        try (FileChunkBuffer b = open()) {
            assertEquals(range(0, 30), read(b));
        }
        assertFalse(Files.exists(rebuild));
        assertEquals(2, reports.lines.size(), reports.lines.toString());
        assertTrue(reports.lines.stream().allMatch(l -> l.endsWith("left by a journal rebuild a crash interrupted")), reports.lines.toString());
        laterWritesSurviveARestart(range(0, 30));
    }
}
