package io.floe.buffer.file;

import io.floe.buffer.ChunkKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.RollCycles;

/**
 * Reads the journal's files at start-up with plain reads and checks every byte of the framing, where a
 * Chronicle tailer would stop silently at the first damage (a cycle file cut short reads as empty) or map
 * past a file's end. A Chronicle file is a run of excerpts, each a 4-byte little-endian header (length in
 * the low 30 bits, a metadata bit, a not-complete bit) and its bytes, padded to 4; the files are
 * preallocated, so the data ends at a zero header, never at the end of the file. What the scan finds
 * wrong is reported per file with the byte where it starts; the records before it are kept.
 */
final class JournalScan {
    static final String CYCLE_SUFFIX = ".cq4";
    static final String METADATA = "metadata.cq4t";
    private static final int NOT_COMPLETE = 0x80000000;
    private static final int META_DATA = 0x40000000;
    private static final int LENGTH_MASK = 0x3FFFFFFF;
    /** Far above any record the buffer writes (a chunk key's variables are bounded by the config). */
    private static final int MAX_RECORD = 1 << 20;
    private static final int WINDOW = 1 << 20;
    private static final DateTimeFormatter CYCLE_NAME = DateTimeFormatter.ofPattern(RollCycles.FAST_HOURLY.format());

    /** A journal file the scan could not read to its end. */
    record Damaged(Path file, long at, String what, long eventsBefore) {
    }

    private JournalScan() {
    }

    /** The journal's cycle files in the order they were written (their names sort by time). */
    static List<Path> cycleFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(CYCLE_SUFFIX) && cycleOf(p) >= 0).sorted().toList();
        }
    }

    /** The roll cycle a file is named for, -1 for a name Chronicle would not give a cycle file. */
    static int cycleOf(Path file) {
        String n = file.getFileName().toString();
        try {
            LocalDateTime t = LocalDateTime.parse(n.substring(0, n.length() - CYCLE_SUFFIX.length()), CYCLE_NAME);
            return (int) (t.toInstant(ZoneOffset.UTC).toEpochMilli() / RollCycles.FAST_HOURLY.lengthInMillis());
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            return -1;
        }
    }

    /** Replays every cycle file's records in order into {@code v}; returns the files found damaged. */
    static List<Damaged> replay(Path dir, Journal.Visitor v) throws IOException {
        List<Damaged> damaged = new ArrayList<>();
        for (Path f : cycleFiles(dir)) {
            Damaged d = scan(f, cycleOf(f), v);
            if (d != null) {
                damaged.add(d);
            }
        }
        Path meta = dir.resolve(METADATA);
        if (Files.exists(meta)) {
            Damaged d = scan(meta, -1, null);
            if (d != null) {
                damaged.add(new Damaged(d.file(), d.at(), d.what(), -1));
            }
        }
        return damaged;
    }

    /** Scans one file; {@code v} null for Chronicle's metadata file, whose entries are not the buffer's. */
    private static Damaged scan(Path file, int cycle, Journal.Visitor v) throws IOException {
        long events = 0;
        long seq = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Window w = new Window(ch);
            long pos = 0;
            while (true) {
                if (pos + 4 > w.size) {
                    return new Damaged(file, w.size, "cut short at byte " + w.size + " (no end of data)", events);
                }
                int header = w.intAt(pos);
                if (header == 0 || header == (NOT_COMPLETE | META_DATA) || header == NOT_COMPLETE) {
                    // Never written (a crash in the middle of a write leaves the header so), the end of a rolled
                    // file, or a header an older Chronicle marked unfinished before the length was known.
                    return null;
                }
                if ((header & NOT_COMPLETE) != 0) {
                    return new Damaged(file, pos, "an unfinished record with a length at byte " + pos, events);
                }
                int length = header & LENGTH_MASK;
                boolean meta = (header & META_DATA) != 0;
                if (pos == 0 && !meta) {
                    return new Damaged(file, 0, "no file header at byte 0", events);
                }
                if (pos + 4 + length > w.size) {
                    return new Damaged(file, pos, "cut short inside the record at byte " + pos, events);
                }
                if (!meta && v != null) {
                    if (length > MAX_RECORD) {
                        return new Damaged(file, pos, "a record of " + length + " bytes at byte " + pos, events);
                    }
                    ByteBuffer record = w.slice(pos + 4, length);
                    try {
                        events += replayRecord(record, RollCycles.FAST_HOURLY.toIndex(cycle, seq++), v);
                    } catch (RuntimeException e) {
                        return new Damaged(file, pos, "an unreadable record at byte " + pos, events);
                    }
                }
                pos = (pos + 4 + length + 3) & ~3L;
            }
        }
    }

    /** Hands one record to {@code v}; returns the events it records. Throws on anything malformed. */
    private static int replayRecord(ByteBuffer b, long index, Journal.Visitor v) {
        byte type = b.get();
        ChunkId id = new ChunkId(b.getLong(), b.getLong());
        if (type == Journal.ENQUEUE || type == Journal.PURGE) {
            requireEnd(b);
            v.marker(type, id);
            return 0;
        }
        if (type != Journal.DATA && type != Journal.DATA_CHECKED) {
            throw new IllegalStateException("record type " + type);
        }
        long created = b.getLong();
        String tag = utf8(b);
        long timekey = b.getLong();
        int n = b.getInt();
        if (n < 0 || n > b.remaining() / 2) {
            throw new IllegalStateException("variables " + n);
        }
        Map<String, String> vars = n == 0 ? Map.of() : new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            vars.put(utf8(b), utf8(b));
        }
        String segmentTag = utf8(b);
        int records = b.getInt();
        int length = b.getInt();
        long locator = b.getLong();
        long crc = type == Journal.DATA_CHECKED ? Integer.toUnsignedLong(b.getInt()) : Journal.NO_CHECKSUM;
        requireEnd(b);
        if (records < 0 || length < 0 || locator < 0) {
            throw new IllegalStateException("negative count");
        }
        v.data(index, id, new ChunkKey(tag, timekey, vars), created, segmentTag, records, length, locator, crc);
        return records;
    }

    private static void requireEnd(ByteBuffer b) {
        if (b.hasRemaining()) {
            throw new IllegalStateException(b.remaining() + " bytes past the record");
        }
    }

    /** A string as Chronicle's {@code writeUtf8} writes it: a stop-bit length, then UTF-8. */
    private static String utf8(ByteBuffer b) {
        long len = 0;
        for (int shift = 0; ; shift += 7) {
            int x = b.get() & 0xFF;
            len |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                break;
            }
            if (shift > 28) {
                throw new IllegalStateException("string length");
            }
        }
        if (len > b.remaining()) {
            throw new IllegalStateException("string past the record");
        }
        ByteBuffer s = b.slice(b.position(), (int) len);
        b.position(b.position() + (int) len);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(s).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("not UTF-8", e);
        }
    }

    /** Reads a file through one reused buffer: records are small, files up to 80 MiB and mostly sparse. */
    private static final class Window {
        private final FileChannel ch;
        private final long size;
        private final ByteBuffer buf = ByteBuffer.allocate(WINDOW + MAX_RECORD + 8).order(ByteOrder.LITTLE_ENDIAN);
        private long start = -1;

        Window(FileChannel ch) throws IOException {
            this.ch = ch;
            this.size = ch.size();
        }

        int intAt(long pos) throws IOException {
            ensure(pos, 4);
            return buf.getInt((int) (pos - start));
        }

        ByteBuffer slice(long pos, int len) throws IOException {
            ensure(pos, len);
            return buf.slice((int) (pos - start), len).order(ByteOrder.LITTLE_ENDIAN);
        }

        private void ensure(long pos, int len) throws IOException {
            if (start >= 0 && pos >= start && pos + len <= start + buf.limit()) {
                return;
            }
            buf.clear();
            int want = (int) Math.min(buf.capacity(), size - pos);
            buf.limit(want);
            while (buf.hasRemaining()) {
                if (ch.read(buf, pos + buf.position()) < 0) {
                    throw new IOException("file shrank while read");
                }
            }
            buf.flip();
            start = pos;
        }
    }
}
