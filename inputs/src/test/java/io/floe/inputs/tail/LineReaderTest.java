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

    /** Each line a reader skipped: its start offset, its bytes, and 1 when it was complete (0 when the file ended in it). */
    private final List<long[]> skipped = new ArrayList<>();

    /** A reader of lines up to {@code maxLine} bytes from {@code position}, recording what it skips in {@link #skipped}. */
    private LineReader reader(int maxLine, long position) {
        LineReader r = new LineReader(maxLine, (s, b, c) -> skipped.add(new long[] {s, b, c ? 1 : 0}));
        r.reset(position);
        return r;
    }

    /** a.log holding {@code content}, open for reading. */
    private FileChannel file(byte[] content) throws IOException {
        Path f = Files.write(dir.resolve("a.log"), content);
        return FileChannel.open(f);
    }

    private FileChannel file(String content) throws IOException {
        return file(content.getBytes(StandardCharsets.UTF_8));
    }

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
        LineReader r = reader(1000, 0);
        try (FileChannel ch = file("one\ntwo\n\nthree")) {
            assertEquals(List.of("one@0-4", "two@4-8", "@8-9"), readAll(r, ch, 3));
            assertEquals(5, r.pending());
            Tails.append(dir.resolve("a.log"), " and more\n");
            assertEquals(List.of("three and more@9-24"), readAll(r, ch, 3));
        }
    }

    @Test
    void startsAtAPosition() throws IOException {
        LineReader r = reader(1000, 4);
        try (FileChannel ch = file("one\ntwo\n")) {
            assertEquals(List.of("two@4-8"), readAll(r, ch, 1 << 16));
        }
    }

    @Test
    void aLineLongerThanTheCapIsSkippedWithoutBeingKept() throws IOException {
        LineReader r = reader(1000, 0);
        try (FileChannel ch = file("short\n" + "x".repeat(300_000) + "\nafter\n" + "y".repeat(2000) + "\nend\n")) {
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
        LineReader r = reader(1 << 20, 0);
        try (FileChannel ch = file(new byte[5 << 20])) {
            assertEquals(List.of(), readAll(r, ch, 1 << 16));
            assertTrue(r.buffer().length <= (1 << 20) + 2);
            assertFalse(r.takeRemainder());
        }
        assertEquals(List.of(0L, (long) (5 << 20), 0L), List.of(skipped.get(0)[0], skipped.get(0)[1], skipped.get(0)[2]));
    }

    @Test
    void remainderOfAFinishedFile() throws IOException {
        LineReader r = reader(1000, 0);
        try (FileChannel ch = file("a\nno newline")) {
            readAll(r, ch, 100);
            assertTrue(r.takeRemainder());
            assertEquals("no newline", new String(r.buffer(), r.lineStart, r.lineLength, StandardCharsets.UTF_8));
            assertEquals(12, r.lineEndOffset);
        }
    }
}
