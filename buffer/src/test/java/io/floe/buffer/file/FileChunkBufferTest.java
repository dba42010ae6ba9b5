package io.floe.buffer.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.buffer.BufferChunk;
import io.floe.buffer.BufferLimits;
import io.floe.buffer.ChunkKey;
import io.floe.buffer.Durability;
import io.floe.buffer.OverflowAction;
import io.floe.buffer.Segment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChunkBufferTest {
    static final BufferLimits LIMITS = new BufferLimits(64 << 10, 0, 64 << 20, OverflowAction.THROW_EXCEPTION);

    @TempDir
    Path dir;

    static ChunkKey key(String tag) {
        return new ChunkKey(tag, 1_700_000_000L, Map.of("k", "v"));
    }

    /** A batch whose bytes say which batch it is, so reads can be checked. */
    static Segment batch(String tag, int n, int size) {
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(n);
        while (b.hasRemaining()) {
            b.put((byte) (n * 31));
        }
        return new Segment(tag, b.array(), 0, size, 1);
    }

    static int idOf(Segment s) {
        return ByteBuffer.wrap(s.data(), s.offset(), s.length()).getInt();
    }

    FileChunkBuffer open() throws IOException {
        return FileChunkBuffer.open(dir, LIMITS, Durability.OFF, Duration.ofSeconds(1));
    }

    @Test
    void whatIsWrittenIsReadBackByTheFlush() throws Exception {
        try (FileChunkBuffer b = open()) {
            Segment s = batch("app", 7, 1000);
            b.write(key("app"), s);
            b.enqueue(c -> true);
            BufferChunk c = b.take();
            assertEquals(key("app"), c.key());
            Segment back = c.segments().get(0);
            assertEquals("app", back.tag());
            assertArrayEquals(s.data(), Arrays.copyOfRange(back.data(), back.offset(), back.offset() + back.length()));
            b.purge(c);
        }
    }

    @Test
    void aBatchThatIsASliceOfALargerArrayIsStoredAsTheSlice() throws Exception {
        // The forward input hands over slices of the frames it read, not whole arrays.
        Segment whole = batch("app", 3, 5000);
        byte[] framed = new byte[7000];
        System.arraycopy(whole.data(), 0, framed, 1234, 5000);
        try (FileChunkBuffer b = open()) {
            b.write(key("app"), new Segment("app", framed, 1234, 5000, 1));
            b.write(key("app"), batch("app", 4, 100));
            b.enqueue(c -> true);
            List<Segment> back = b.take().segments();
            assertArrayEquals(whole.data(), Arrays.copyOfRange(back.get(0).data(), back.get(0).offset(), back.get(0).offset() + 5000));
            assertEquals(4, idOf(back.get(1)));
        }
    }

    @Test
    void aRestartBringsBackStagedAndQueuedChunksButNotPurgedOnes() throws Exception {
        String purgedId;
        String queuedId;
        try (FileChunkBuffer b = open()) {
            b.write(key("purged"), batch("purged", 1, 100));
            b.write(key("queued"), batch("queued", 2, 100));
            b.write(key("queued"), batch("queued", 3, 100));
            b.write(key("staged"), batch("staged", 4, 100));
            b.enqueue(c -> !c.key().tag().equals("staged"));
            BufferChunk first = b.take();
            purgedId = first.id();
            assertEquals("purged", first.key().tag());
            b.purge(first);
            BufferChunk second = b.take();
            queuedId = second.id();
            b.takeBack(second);
        }
        try (FileChunkBuffer b = open()) {
            assertEquals(1, b.queueLength());
            assertEquals(1, b.stageLength());
            BufferChunk q = b.take();
            assertEquals(queuedId, q.id());
            assertEquals(List.of(2, 3), q.segments().stream().map(FileChunkBufferTest::idOf).toList());
            assertTrue(!q.id().equals(purgedId));
            assertEquals(key("queued"), q.key());
            assertNull(b.take());
            BufferChunk staged = b.staged().get(0);
            assertEquals(List.of(4), staged.segments().stream().map(FileChunkBufferTest::idOf).toList());
            b.write(key("staged"), batch("staged", 5, 100)); // a restored staged chunk keeps taking writes
            b.enqueue(c -> true);
            b.purge(q);
            BufferChunk s = b.take();
            assertEquals(List.of(4, 5), s.segments().stream().map(FileChunkBufferTest::idOf).toList());
        }
    }

    @Test
    void aPartialRetrySurvivesARestart() throws Exception {
        try (FileChunkBuffer b = open()) {
            b.write(key("a"), batch("a", 1, 100));
            b.write(key("a"), batch("a", 2, 100));
            b.enqueue(c -> true);
            BufferChunk c = b.take();
            b.takeBackPartly(c, List.of(batch("a", 9, 50)));
        }
        try (FileChunkBuffer b = open()) {
            BufferChunk c = b.take();
            assertEquals(List.of(9), c.segments().stream().map(FileChunkBufferTest::idOf).toList());
            assertNull(b.take());
        }
    }

    @Test
    void diskUseFallsBackWhenEverythingIsWritten() throws Exception {
        try (FileChunkBuffer b = open()) {
            // The grace counts from the last write: taken before it, this stamp can only make the measured idle
            // time longer than the buffer's, however long the purges below take on a busy machine.
            long lastWrite = 0;
            for (int i = 0; i < 400; i++) {
                lastWrite = System.nanoTime();
                b.write(key("a"), batch("a", i, 10_000));
            }
            assertTrue(diskUse() > 3_000_000, "the journal holds the data: " + diskUse());
            b.enqueue(c -> true);
            BufferChunk c;
            while ((c = b.take()) != null) {
                b.purge(c);
            }
            long due = b.maintenanceDueNanos();
            assertTrue(due >= 0 && due <= 1_000_000_000L, "the flush threads are told when the journal can go: " + due);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                b.maintain();
                return diskUse() < 1_000_000;
            });
            long idleMillis = (System.nanoTime() - lastWrite) / 1_000_000;
            assertTrue(idleMillis >= 990, "(a millisecond clock's rounding aside) a buffer that just emptied keeps its journal for a second after its last write: "
                    + idleMillis + " ms");
            assertEquals(Long.MAX_VALUE, b.maintenanceDueNanos(), "nothing left to give back");
            b.write(key("a"), batch("a", 1, 100)); // and the buffer goes on working
            b.enqueue(x -> true);
            assertEquals(1, idOf(b.take().segments().get(0)));
        }
    }

    @Test
    void aSecondProcessCannotOpenTheSameDirectory() throws Exception {
        try (FileChunkBuffer b = open()) {
            IOException e = assertThrows(IOException.class, this::open);
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
    }

    /** Random writes, enqueues, flushes, failures and restarts, checked against a model of what must be held. */
    @Test
    void randomOperationsMatchAModelAcrossRestarts() throws Exception {
        Random rnd = new Random(42);
        Map<Integer, String> model = new TreeMap<>(); // batch id -> tag, every batch not yet purged
        Map<String, List<Integer>> inChunk = new HashMap<>();
        FileChunkBuffer b = open();
        try {
            int next = 0;
            for (int step = 0; step < 3000; step++) {
                int op = rnd.nextInt(100);
                if (op < 60) {
                    String tag = "t" + rnd.nextInt(4);
                    b.write(key(tag), batch(tag, next, 200 + rnd.nextInt(4000)));
                    model.put(next++, tag);
                } else if (op < 70) {
                    b.enqueue(c -> rnd.nextBoolean());
                } else if (op < 90) {
                    BufferChunk c = b.take();
                    if (c != null) {
                        List<Integer> ids = c.segments().stream().map(FileChunkBufferTest::idOf).toList();
                        if (rnd.nextInt(4) == 0) {
                            b.takeBack(c);
                        } else {
                            ids.forEach(model::remove);
                            b.purge(c);
                        }
                    }
                } else if (op < 93) {
                    b.close();
                    b = open();
                }
            }
            b.close();
            b = open();
            b.enqueue(c -> true);
            List<Integer> held = new ArrayList<>();
            BufferChunk c;
            while ((c = b.take()) != null) {
                c.segments().forEach(s -> held.add(idOf(s)));
                b.purge(c);
            }
            held.sort(Integer::compare);
            assertEquals(new ArrayList<>(model.keySet()), held);
        } finally {
            b.close();
        }
    }

    /** Blocks in use, as du counts them: journal files are sparse, so their length says little. */
    private long diskUse() throws Exception {
        Process du = new ProcessBuilder("du", "-s", "--block-size=1", dir.toString()).start();
        String out = new String(du.getInputStream().readAllBytes()).trim();
        du.waitFor();
        return Long.parseLong(out.split("\\s+")[0]);
    }

    /** Several inputs write at once (their bytes are copied outside the lock) across data-file rolls, while a flush purges. */
    @Test
    void concurrentWritersAcrossFileRollsLoseNothing() throws Exception {
        int writers = 4;
        int perWriter = 120;
        int size = 300_000; // 4 x 120 x 300 KB = 144 MB: at least two data-file rolls
        Set<Integer> purged = ConcurrentHashMap.newKeySet();
        try (FileChunkBuffer b = FileChunkBuffer.open(dir, new BufferLimits(4 << 20, 0, 1L << 40, OverflowAction.THROW_EXCEPTION),
                Durability.OFF, Duration.ofSeconds(1))) {
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int base = w * perWriter;
                Thread t = new Thread(() -> {
                    try {
                        for (int i = 0; i < perWriter; i++) {
                            b.write(key("w" + (base / perWriter)), batch("w", base + i, size));
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                threads.add(t);
                t.start();
            }
            // Flush half of what gets queued while the writers run.
            boolean flip = false;
            while (threads.stream().anyMatch(Thread::isAlive)) {
                BufferChunk c = b.take();
                if (c == null) {
                    Thread.onSpinWait();
                    continue;
                }
                if (flip) {
                    c.segments().forEach(s -> purged.add(idOf(s)));
                    b.purge(c);
                } else {
                    b.takeBack(c);
                    b.enqueue(x -> false);
                }
                flip = !flip;
                if (!flip) {
                    BufferChunk again = b.take();
                    if (again != null) {
                        again.segments().forEach(s -> purged.add(idOf(s)));
                        b.purge(again);
                    }
                }
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        List<Integer> held = new ArrayList<>();
        try (FileChunkBuffer b = FileChunkBuffer.open(dir, LIMITS, Durability.OFF, Duration.ofSeconds(1))) {
            b.enqueue(c -> true);
            BufferChunk c;
            while ((c = b.take()) != null) {
                for (Segment s : c.segments()) {
                    held.add(idOf(s));
                    assertEquals(size, s.length());
                    assertEquals((byte) (idOf(s) * 31), s.data()[s.offset() + size - 1], "the bytes of batch " + idOf(s));
                }
                b.purge(c);
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < writers * perWriter; i++) {
            if (!purged.contains(i)) {
                expected.add(i);
            }
        }
        held.sort(Integer::compare);
        assertEquals(expected, held);
    }

    /** Emptied data files are written over (their pages are already in the page cache), bounded, and gone once idle. */
    @Test
    void emptiedDataFilesAreWrittenOverAndGoneWhenIdle() throws Exception {
        int size = 300_000; // 700 x 300 KB = 210 MB: several data-file rolls
        Set<Object> spares = new HashSet<>();
        boolean reused = false;
        try (FileChunkBuffer b = FileChunkBuffer.open(dir, new BufferLimits(4 << 20, 0, 1L << 40, OverflowAction.THROW_EXCEPTION),
                Durability.OFF, Duration.ofSeconds(1))) {
            for (int i = 0; i < 700; i++) {
                b.write(key("a"), batch("a", i, size));
                BufferChunk c;
                while ((c = b.take()) != null) {
                    for (Segment s : c.segments()) {
                        assertEquals((byte) (idOf(s) * 31), s.data()[s.offset() + size - 1], "the bytes of batch " + idOf(s));
                    }
                    b.purge(c);
                }
                try (var files = Files.list(dir)) {
                    List<Path> seg = files.filter(p -> p.toString().endsWith(".seg")).toList();
                    assertTrue(seg.size() <= 2 + SegmentFiles.SPARE_FILES, "data files: " + seg);
                    for (Path p : seg) {
                        Object inode = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
                        if (p.getFileName().toString().startsWith("spare-")) {
                            spares.add(inode);
                        } else if (spares.contains(inode)) {
                            reused = true;
                        }
                    }
                }
            }
            assertTrue(reused, "a data file was written over instead of created anew");
            b.enqueue(c -> true);
            b.purge(b.take());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                b.maintain();
                return diskUse() < 1_000_000;
            });
            try (var files = Files.list(dir)) {
                assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith("spare-")).toList());
            }
        }
    }

    /** A batch whose bytes on disk are not what was written (a power loss without sync_mode) is skipped, not delivered. */
    @Test
    void aBatchDamagedOnDiskIsSkippedAndTheRestOfItsChunkIsKept() throws Exception {
        try (FileChunkBuffer b = open()) {
            for (int i = 1; i <= 3; i++) {
                b.write(key("a"), batch("a", i, 100));
            }
        }
        Path data;
        try (var files = Files.list(dir)) {
            data = files.filter(p -> p.getFileName().toString().matches("data-\\d+\\.seg")).findFirst().orElseThrow();
        }
        try (var ch = java.nio.channels.FileChannel.open(data, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {42}), 150); // inside the second batch
        }
        try (FileChunkBuffer b = open()) {
            b.enqueue(c -> true);
            List<Segment> back = b.take().segments();
            assertEquals(3, back.size());
            assertEquals(1, idOf(back.get(0)));
            assertEquals(0, back.get(1).records());
            assertEquals(0, back.get(1).length());
            assertEquals(3, idOf(back.get(2)));
        }
    }
}
