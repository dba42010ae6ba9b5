package io.floe.inputs.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineReaderTest {
    @TempDir
    Path dir;

    private final List<long[]> skipped = new ArrayList<>();

    private List<String> readAll(LineReader r, FileChannel ch, int chunk) throws IOException {
        List<String> out = new ArrayList<>();
        while (true) {
            while (r.next()) {
                out.add(new String(r.buffer(), r.lineStart, r.lineLength, StandardCharsets.UTF_8) + "@" + r.lineStartOffset + "-" + r.lineEndOffset);
            }
            if (r.fill(ch, chunk) == 0) {
                return out;
            }
        }
    }

    @Test
    void linesWithTheirOffsetsAndAnUnfinishedLastLine() throws IOException {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "one\ntwo\n\nthree");
        LineReader r = new LineReader(1000, (s, b, c) -> skipped.add(new long[] {s, b}));
        r.reset(0);
        try (FileChannel ch = FileChannel.open(f)) {
            assertEquals(List.of("one@0-4", "two@4-8", "@8-9"), readAll(r, ch, 3));
            assertEquals(5, r.pending());
            Tails.append(f, " and more\n");
            assertEquals(List.of("three and more@9-24"), readAll(r, ch, 3));
        }
    }

    @Test
    void startsAtAPosition() throws IOException {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "one\ntwo\n");
        LineReader r = new LineReader(1000, (s, b, c) -> { });
        r.reset(4);
        try (FileChannel ch = FileChannel.open(f)) {
            assertEquals(List.of("two@4-8"), readAll(r, ch, 1 << 16));
        }
    }

    @Test
    void aLineLongerThanTheCapIsSkippedWithoutBeingKept() throws IOException {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "short\n" + "x".repeat(300_000) + "\nafter\n" + "y".repeat(2000) + "\nend\n");
        LineReader r = new LineReader(1000, (s, b, c) -> skipped.add(new long[] {s, b, c ? 1 : 0}));
        r.reset(0);
        try (FileChannel ch = FileChannel.open(f)) {
            List<String> lines = readAll(r, ch, 4096);
            assertEquals(List.of("short@0-6", "after@300007-300013", "end@302014-302018"), lines);
        }
        assertEquals(2, skipped.size());
        assertEquals(6, skipped.get(0)[0]);
        assertEquals(300_001, skipped.get(0)[1]);
        assertTrue(r.buffer().length <= 64 << 10, "the buffer did not grow for the long line");
    }

    @Test
    void aHugeLineWithoutNewlineIsScannedNotStored() throws IOException {
        Path f = dir.resolve("a.log");
        Files.write(f, new byte[5 << 20]);
        LineReader r = new LineReader(1 << 20, (s, b, c) -> skipped.add(new long[] {s, b, c ? 1 : 0}));
        r.reset(0);
        try (FileChannel ch = FileChannel.open(f)) {
            assertEquals(List.of(), readAll(r, ch, 1 << 16));
            assertTrue(r.buffer().length <= (1 << 20) + 2);
            assertFalse(r.takeRemainder());
        }
        assertEquals(List.of(0L, (long) (5 << 20), 0L), List.of(skipped.get(0)[0], skipped.get(0)[1], skipped.get(0)[2]));
    }

    @Test
    void remainderOfAFinishedFile() throws IOException {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "a\nno newline");
        LineReader r = new LineReader(1000, (s, b, c) -> { });
        r.reset(0);
        try (FileChannel ch = FileChannel.open(f)) {
            readAll(r, ch, 100);
            assertTrue(r.takeRemainder());
            assertEquals("no newline", new String(r.buffer(), r.lineStart, r.lineLength, StandardCharsets.UTF_8));
            assertEquals(12, r.lineEndOffset);
        }
    }
}
