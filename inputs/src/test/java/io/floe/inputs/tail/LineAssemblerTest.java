package io.floe.inputs.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The position invariant: everything before committedOffset() was handed on, nothing after it was. */
class LineAssemblerTest {
    private final List<String> out = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private long offset;

    private static String docker(String log, String stream) {
        return "{\"log\":\"" + log + "\",\"stream\":\"" + stream + "\",\"time\":\"2026-11-21T03:22:11.5Z\"}";
    }

    private void feed(LineAssembler a, String line, long now) {
        long start = offset;
        offset += line.length() + 1;
        a.accept(line, start, offset, line.length(), now, (text, s) -> out.add(text + "@" + s));
    }

    private LineAssembler container(int max, long flushAfter) {
        return new LineAssembler(LineAssembler.Mode.CONTAINER, null, max, flushAfter, (s, b) -> warnings.add(s + ":" + b));
    }

    @Test
    void interleavedStreamsWaitBehindAnUnfinishedLine() {
        LineAssembler a = container(1 << 20, 0);
        feed(a, docker("part one, ", "stdout"), 0);
        long first = 0;
        feed(a, docker("an error\\n", "stderr"), 0);
        assertEquals(List.of(), out, "the stderr line waits behind the unfinished stdout line");
        assertEquals(first, a.committedOffset());
        feed(a, docker("part two\\n", "stdout"), 0);
        assertEquals(2, out.size());
        assertTrue(out.get(0).contains("\"log\":\"part one, part two\\n\"") && out.get(0).endsWith("@0"), out.get(0));
        assertTrue(out.get(1).contains("an error"));
        assertEquals(offset, a.committedOffset());
        assertFalse(a.hasPending());
    }

    @Test
    void criPiecesAndAnIdleFlush() {
        LineAssembler a = container(1 << 20, 100);
        feed(a, "2026-11-21T03:22:12.1Z stdout P abc", 0);
        feed(a, "2026-11-21T03:22:12.2Z stdout P def", 10);
        assertEquals(0, a.committedOffset());
        a.flushIdle(50, (t, s) -> out.add(t));
        assertEquals(List.of(), out);
        assertEquals(110, a.nextFlushNanos());
        a.flushIdle(110, (t, s) -> out.add(t));
        assertEquals(List.of("2026-11-21T03:22:12.1Z stdout F abcdef"), out);
        assertEquals(offset, a.committedOffset());
    }

    @Test
    void aJoinedLinePastTheCapIsHandedOnWithAWarning() {
        LineAssembler a = container(60, 0);
        feed(a, "2026-11-21T03:22:12Z stdout P " + "x".repeat(20), 0);
        feed(a, "2026-11-21T03:22:12Z stdout P " + "y".repeat(20), 0);
        feed(a, "2026-11-21T03:22:12Z stdout F z", 0);
        // 50 + 50 bytes pass 60: the first piece goes on alone; so does the second, with the last piece.
        assertEquals("2026-11-21T03:22:12Z stdout P " + "x".repeat(20) + "@0", out.get(0));
        assertEquals(List.of("0:50", "51:50"), warnings);
        assertEquals(3, out.size());
        assertEquals(offset, a.committedOffset());
    }

    @Test
    void aLineSplitAcrossARotationIsCarriedToTheNextFile() {
        LineAssembler old = container(1 << 20, 0);
        feed(old, docker("first half ", "stdout"), 0);
        assertTrue(old.hasOpenContainerLine());
        LineAssembler next = container(1 << 20, 0);
        next.reset(0);
        next.carryOver(old);
        offset = 0;
        assertTrue(next.holdsCarried());
        assertEquals(0, next.committedOffset(), "nothing of the new file is handed on before the carried line");
        feed(next, docker("second half\\n", "stdout"), 0);
        assertFalse(next.holdsCarried());
        assertTrue(out.get(0).contains("first half second half"), out.toString());
        assertEquals(offset, next.committedOffset());
    }

    @Test
    void multilineHoldsTheRecordUntilTheNextFirstLine() {
        LineAssembler.MultilineRule rule = new LineAssembler.MultilineRule() {
            @Override
            public boolean isFirstLine(String line) {
                return line.startsWith("20");
            }

            @Override
            public boolean hasFirstLine() {
                return true;
            }

            @Override
            public boolean completes(String buffered) {
                return false;
            }
        };
        LineAssembler a = new LineAssembler(LineAssembler.Mode.MULTILINE, rule, 1 << 20, 0, (s, b) -> { });
        feed(a, "orphan continuation", 0);
        feed(a, "2026 first", 0);
        long recordStart = offset - "2026 first".length() - 1;
        feed(a, "  at x", 0);
        assertEquals(List.of("orphan continuation@0"), out);
        assertEquals(recordStart, a.committedOffset());
        feed(a, "2026 second", 0);
        assertEquals("2026 first\n  at x@" + recordStart, out.get(1));
        a.flushAll((t, s) -> out.add(t + "@" + s));
        assertEquals(offset, a.committedOffset());
        assertEquals(3, out.size());
    }
}
