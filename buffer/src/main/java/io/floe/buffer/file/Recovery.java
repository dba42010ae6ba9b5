package io.floe.buffer.file;

import io.floe.buffer.ChunkKey;
import io.floe.buffer.Segment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Brings a file buffer back from its files at start-up, damaged or not (a power cut, a full disk): every
 * batch whose bytes are there is kept; what cannot be read goes to {@link BufferDamage}. A damaged journal
 * is never appended to again (Chronicle would write after the damage, where no reader finds it): the
 * surviving records are written into a fresh journal beside it, which then takes its place. That swap is
 * restartable: a crash in the middle of it is finished at the next start.
 */
final class Recovery {
    private static final String REBUILD = "journal.rebuild";
    /** In the rebuild directory: the new journal is complete, and which files of the old one it replaces. */
    private static final String COMPLETE = "complete";
    /** In the rebuild directory: the old journal's files are gone; what is left is to move the new ones in. */
    private static final String CLEARED = "cleared";

    /** What the buffer held: chunks in journal order, which were queued, and the journal to go on with. */
    record Found(List<FileChunk> chunks, Set<ChunkId> queued, Journal journal) {
    }

    /** A chunk as the journal records it, before its batches are checked. */
    private record Recorded(ChunkKey key, long created, List<FileChunk.Ref> refs) {
    }

    private final Path dir;
    private final SegmentFiles data;
    private final BufferDamage damage;
    private final int overhead;

    Recovery(Path dir, SegmentFiles data, BufferDamage damage, int overhead) {
        this.dir = dir;
        this.data = data;
        this.damage = damage;
        this.overhead = overhead;
    }

    Found run() throws IOException {
        finishRebuild(Map.of(), true);
        Map<ChunkId, Recorded> recorded = new LinkedHashMap<>();
        Set<ChunkId> queued = new LinkedHashSet<>();
        // Per data file, where the last batch an intact record names (purged or not) ends.
        Map<Integer, Long> recordedUpTo = new TreeMap<>();
        List<JournalScan.Damaged> damaged = new ArrayList<>(JournalScan.replay(dir, new Journal.Visitor() {
            @Override
            public void data(long index, ChunkId id, ChunkKey key, long created, String tag, int records, int length, long locator, long crc) {
                recorded.computeIfAbsent(id, k -> new Recorded(key, created, new ArrayList<>()))
                        .refs().add(new FileChunk.Ref(index, locator, length, records, tag, crc));
                recordedUpTo.merge(SegmentFiles.fileOf(locator), SegmentFiles.offsetOf(locator) + length, Math::max);
            }

            @Override
            public void marker(byte type, ChunkId id) {
                if (type == Journal.ENQUEUE && recorded.containsKey(id)) {
                    queued.add(id);
                } else if (type == Journal.PURGE) {
                    recorded.remove(id);
                    queued.remove(id);
                }
            }
        }));
        boolean recordsLost = damaged.stream().anyMatch(d -> !d.file().getFileName().toString().equals(JournalScan.METADATA));
        List<FileChunk> chunks = new ArrayList<>();
        boolean batchesDropped = false;
        for (Map.Entry<ChunkId, Recorded> e : recorded.entrySet()) {
            FileChunk c = new FileChunk(e.getKey(), e.getValue().key(), e.getValue().created(), data, damage);
            batchesDropped |= keepHeld(c, e.getValue().refs());
            if (c.refs().isEmpty()) {
                queued.remove(c.chunkId());
            } else {
                chunks.add(c);
            }
        }
        Journal journal = null;
        if (damaged.isEmpty()) {
            try {
                journal = new Journal(dir);
            } catch (RuntimeException | AssertionError | InternalError e) {
                damaged.add(new JournalScan.Damaged(dir.resolve(JournalScan.METADATA), 0, "Chronicle Queue cannot open the journal: " + e, -1));
            }
        }
        if (journal == null || batchesDropped) {
            if (journal != null) {
                journal.close();
            }
            journal = rebuild(chunks, queued, damaged);
        }
        for (FileChunk c : chunks) {
            for (FileChunk.Ref r : c.refs()) {
                data.retainReplayed(SegmentFiles.fileOf(r.locator()));
            }
        }
        if (recordsLost) {
            backUpUnrecorded(recordedUpTo);
        }
        return new Found(chunks, queued, journal);
    }

    /**
     * Batches whose records were lost with the journal's damage are still in the data files, after every
     * batch an intact record names (records follow the order their batches were copied in, except that
     * concurrent writers may swap neighbours): those bytes go to {@link BufferDamage}, a data file no intact
     * record names as a whole.
     */
    private void backUpUnrecorded(Map<Integer, Long> recordedUpTo) throws IOException {
        for (Path p : data.unusedFiles()) {
            if (Files.size(p) > 0 && !recordedUpTo.containsKey(number(p))) {
                damage.file(p, -1, "no intact journal record names a batch in it (the journal is damaged)");
            }
        }
        for (Map.Entry<Integer, Long> e : recordedUpTo.entrySet()) {
            Path f = data.file(e.getKey());
            long from = e.getValue();
            long size = Files.exists(f) ? Files.size(f) : 0;
            if (size <= from) {
                continue;
            }
            Path tail = dir.resolve(f.getFileName().toString().replace(".seg", "") + ".unrecorded-from-" + from + ".seg");
            try (FileChannel in = FileChannel.open(f, StandardOpenOption.READ);
                 FileChannel out = FileChannel.open(tail, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                for (long at = from; at < size; ) {
                    at += in.transferTo(at, size - at, out);
                }
            } catch (IOException copyFailed) {
                // A full disk, most likely: the buffer must start all the same; these bytes go with their file.
                Files.deleteIfExists(tail);
                org.slf4j.LoggerFactory.getLogger(Recovery.class).error("buffer {}: cannot copy the unrecorded bytes of {} from byte {} on "
                        + "to the backup ({}); they are lost when the file is", dir, f.getFileName(), from, copyFailed.toString());
                continue;
            }
            damage.file(tail, -1, "the bytes of " + f.getFileName() + " from byte " + from + " on, past every batch an intact record names"
                    + " (the journal is damaged): batches whose records were lost, or older bytes of a recycled file");
        }
    }

    /** Adds the batches of {@code c} whose bytes are all on disk; reports the others. True when some were not. */
    private boolean keepHeld(FileChunk c, List<FileChunk.Ref> refs) throws IOException {
        List<Segment> salvaged = new ArrayList<>();
        Set<Path> files = new TreeSet<>();
        Set<String> why = new TreeSet<>();
        long events = 0;
        for (FileChunk.Ref r : refs) {
            if (data.holds(r.locator(), r.length())) {
                c.addRef(r, overhead);
                continue;
            }
            Path f = data.file(SegmentFiles.fileOf(r.locator()));
            files.add(f);
            events += r.records();
            if (!Files.exists(f)) {
                why.add("the data file is missing");
                continue;
            }
            why.add("the data file ends at byte " + Files.size(f) + ", before the batch's end");
            byte[] part = readWhatIsThere(f, SegmentFiles.offsetOf(r.locator()), r.length());
            if (part.length > 0) {
                salvaged.add(new Segment(r.tag(), part, 0, part.length, r.records()));
            }
        }
        if (events > 0 || files.size() > 0) {
            damage.chunk(c.id(), files, salvaged, events, String.join("; ", why));
            return true;
        }
        return false;
    }

    private static int number(Path dataFile) {
        String n = dataFile.getFileName().toString();
        return Integer.parseInt(n.substring(5, n.length() - 4));
    }

    private static byte[] readWhatIsThere(Path f, long at, int len) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            int n = (int) Math.max(0, Math.min(len, ch.size() - at));
            ByteBuffer b = ByteBuffer.allocate(n);
            while (b.hasRemaining() && ch.read(b, at + b.position()) >= 0) {
                // read until the buffer is full; the size was checked above
            }
            return b.array();
        }
    }

    /**
     * Writes the surviving records into a fresh journal beside the old one, then swaps it in. Journal
     * indices change, so each batch's reference is renewed.
     */
    private Journal rebuild(List<FileChunk> chunks, Set<ChunkId> queued, List<JournalScan.Damaged> damaged) throws IOException {
        Path work = dir.resolve(REBUILD);
        deleteTree(work);
        Files.createDirectories(work);
        Journal fresh = new Journal(work);
        try {
            for (FileChunk c : chunks) {
                c.reindex(r -> fresh.appendData(c.chunkId(), c.key(), c.createdMillis(), r.tag(), r.records(), r.length(), r.locator(), r.crc()));
            }
            for (ChunkId id : queued) {
                fresh.appendMarker(Journal.ENQUEUE, id);
            }
            fresh.sync();
        } finally {
            fresh.close();
        }
        List<String> old = new ArrayList<>();
        for (Path p : JournalScan.cycleFiles(dir)) {
            old.add(p.getFileName().toString());
        }
        if (Files.exists(dir.resolve(JournalScan.METADATA))) {
            old.add(JournalScan.METADATA);
        }
        writeDurably(work.resolve(COMPLETE), String.join("\n", old));
        Map<String, JournalScan.Damaged> byName = new LinkedHashMap<>();
        for (JournalScan.Damaged d : damaged) {
            byName.put(d.file().getFileName().toString(), d);
        }
        finishRebuild(byName, false);
        return new Journal(dir);
    }

    /**
     * Completes a journal swap: the old files go (damaged ones to {@link BufferDamage}, the others deleted:
     * all they held is in the new journal), then the new files move in. Without the COMPLETE mark, the
     * new journal was cut short by a crash: it is dropped and the old one stays.
     */
    private void finishRebuild(Map<String, JournalScan.Damaged> damaged, boolean resuming) throws IOException {
        Path work = dir.resolve(REBUILD);
        if (!Files.isDirectory(work)) {
            return;
        }
        Path complete = work.resolve(COMPLETE);
        if (!Files.exists(complete)) {
            deleteTree(work);
            return;
        }
        Path cleared = work.resolve(CLEARED);
        if (!Files.exists(cleared)) {
            for (String name : Files.readAllLines(complete)) {
                Path p = dir.resolve(name);
                if (name.isBlank() || !Files.exists(p)) {
                    continue;
                }
                JournalScan.Damaged d = damaged.get(name);
                if (d != null) {
                    damage.file(p, d.eventsBefore(), d.what());
                } else if (resuming) {
                    // Resuming after a crash: which of them were damaged is not known any more; keep them all.
                    damage.file(p, -1, "left by a journal rebuild a crash interrupted");
                }
                Files.deleteIfExists(p);
            }
            writeDurably(cleared, "");
        }
        try (Stream<Path> files = Files.list(work)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (!n.equals(COMPLETE) && !n.equals(CLEARED)) {
                    Files.move(p, dir.resolve(n), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        deleteTree(work);
    }

    private static void writeDurably(Path file, String text) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            ch.force(true);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
