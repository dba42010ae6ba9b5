package io.floe.inputs.tail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a file's lines back into whole log lines: the pieces Docker and CRI runtimes split long lines into
 * (per stream, since stdout and stderr interleave), or a multiline record (a first line and its
 * continuation lines). Output is in file order of each record's first line: a line that follows an
 * unfinished record waits behind it. So everything before {@link #committedOffset()} has been handed on
 * and nothing after it has, and a position saved there re-reads the unfinished record after a restart
 * without repeating anything.
 */
final class LineAssembler {
    /** How lines are grouped. */
    enum Mode { NONE, CONTAINER, MULTILINE }

    /** Receives whole lines in order, with the file offset where each began. */
    interface Out {
        void line(String text, long startOffset);
    }

    /** Multiline grouping as Fluentd's multiline parser sees it. */
    interface MultilineRule {
        /** format_firstline matches: a new record starts here. */
        boolean isFirstLine(String line);

        boolean hasFirstLine();

        /** Without format_firstline: the buffered lines already parse as one record. */
        boolean completes(String buffered);
    }

    /** Told when a group grew past the cap and is handed on as it is. */
    interface Warnings {
        void joinedTooLong(long startOffset, int bytes);
    }

    private static final class Slot {
        final long start;
        final ContainerLines.Kind kind;
        final String stream;
        final List<String> pieces = new ArrayList<>(4);
        int bytes;
        boolean complete;
        /** Began in the file read before this one (a line split across a rotation). */
        boolean carried;
        long lastNanos;

        Slot(long start, ContainerLines.Kind kind, String stream) {
            this.start = start;
            this.kind = kind;
            this.stream = stream;
        }

        String text() {
            if (pieces.size() == 1) {
                return pieces.get(0);
            }
            return kind == ContainerLines.Kind.OTHER ? String.join("\n", pieces) : ContainerLines.join(kind, pieces);
        }
    }

    private final Mode mode;
    private final MultilineRule multiline;
    private final int maxJoinedBytes;
    private final long flushAfterNanos;
    private final Warnings warnings;
    private final ArrayDeque<Slot> queue = new ArrayDeque<>();
    private final Map<String, Slot> open = new HashMap<>();
    private final ContainerLines.Info info = new ContainerLines.Info();
    private long lastEnd;

    /** @param flushAfterNanos an open group idle this long is handed on as it is; 0: never */
    LineAssembler(Mode mode, MultilineRule multiline, int maxJoinedBytes, long flushAfterNanos, Warnings warnings) {
        this.mode = mode;
        this.multiline = multiline;
        this.maxJoinedBytes = maxJoinedBytes;
        this.flushAfterNanos = flushAfterNanos;
        this.warnings = warnings;
    }

    /** Starts over at a position (after a rewind); anything held is dropped, it will be read again. */
    void reset(long position) {
        queue.clear();
        open.clear();
        lastEnd = position;
    }

    /**
     * Where a restart must begin reading so that nothing is lost or repeated. While a group carried over
     * from the previous file is open, nothing of this file is handed on, so it is the start.
     */
    long committedOffset() {
        Slot head = queue.peekFirst();
        return head == null ? lastEnd : head.carried ? 0 : head.start;
    }

    boolean hasPending() {
        return !queue.isEmpty();
    }

    /** Whether a group that began in the previous file is still waiting for its last piece. */
    boolean holdsCarried() {
        Slot head = queue.peekFirst();
        return head != null && head.carried;
    }

    /** Whether a container line is still waiting for pieces (the runtime may write them to the next file). */
    boolean hasOpenContainerLine() {
        return mode == Mode.CONTAINER && !open.isEmpty();
    }

    /**
     * Takes over what another file's assembler held when its file was rotated: a container line whose
     * pieces go on in this file, and the lines waiting behind it.
     */
    void carryOver(LineAssembler previous) {
        for (Slot s : previous.queue) {
            s.carried = true;
            queue.addLast(s);
            if (!s.complete) {
                open.put(s.stream, s);
            }
        }
        previous.queue.clear();
        previous.open.clear();
    }

    void accept(String text, long start, long end, int rawBytes, long nowNanos, Out out) {
        lastEnd = end;
        switch (mode) {
            case NONE -> out.line(text, start);
            case CONTAINER -> container(text, start, rawBytes, nowNanos, out);
            default -> multiline(text, start, rawBytes, nowNanos, out);
        }
    }

    private void container(String text, long start, int rawBytes, long now, Out out) {
        ContainerLines.classify(text, info);
        Slot group = info.kind == ContainerLines.Kind.OTHER ? null : open.get(info.stream);
        if (group != null && group.kind != info.kind) {
            close(group);
            group = null;
        }
        if (group != null && group.bytes + rawBytes > maxJoinedBytes) {
            warnings.joinedTooLong(group.start, group.bytes);
            close(group);
            group = null;
        }
        if (group == null && !info.partial && queue.isEmpty()) {
            out.line(text, start);
            return;
        }
        if (group == null) {
            group = new Slot(start, info.kind, info.stream);
            queue.addLast(group);
            if (info.partial) {
                open.put(info.stream, group);
            }
        }
        group.pieces.add(text);
        group.bytes += rawBytes;
        group.lastNanos = now;
        if (!info.partial) {
            close(group);
        }
        drain(out);
    }

    private void multiline(String text, long start, int rawBytes, long now, Out out) {
        Slot group = open.get("");
        boolean first = multiline.hasFirstLine() && multiline.isFirstLine(text);
        if (group != null && (first || group.bytes + rawBytes > maxJoinedBytes)) {
            if (!first) {
                warnings.joinedTooLong(group.start, group.bytes);
            }
            close(group);
            group = null;
        }
        if (group == null && multiline.hasFirstLine() && !first) {
            // A line before any first line: on its own, as Fluentd does (its parse will likely fail).
            if (queue.isEmpty()) {
                out.line(text, start);
                return;
            }
            Slot alone = new Slot(start, ContainerLines.Kind.OTHER, "");
            alone.pieces.add(text);
            alone.complete = true;
            queue.addLast(alone);
            drain(out);
            return;
        }
        if (group == null) {
            group = new Slot(start, ContainerLines.Kind.OTHER, "");
            queue.addLast(group);
            open.put("", group);
        }
        group.pieces.add(text);
        group.bytes += rawBytes;
        group.lastNanos = now;
        if (!multiline.hasFirstLine() && multiline.completes(group.text())) {
            close(group);
        }
        drain(out);
    }

    private void close(Slot s) {
        s.complete = true;
        open.remove(s.stream, s);
    }

    /** Hands on groups idle longer than the flush interval. */
    void flushIdle(long nowNanos, Out out) {
        if (flushAfterNanos <= 0 || open.isEmpty()) {
            return;
        }
        for (Slot s : new ArrayList<>(open.values())) {
            if (nowNanos - s.lastNanos >= flushAfterNanos) {
                close(s);
            }
        }
        drain(out);
    }

    /** The file will not grow again: everything held is handed on. */
    void flushAll(Out out) {
        for (Slot s : new ArrayList<>(open.values())) {
            close(s);
        }
        drain(out);
    }

    /** When the oldest open group will be flushed for idleness, or Long.MAX_VALUE. */
    long nextFlushNanos() {
        if (flushAfterNanos <= 0 || open.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long min = Long.MAX_VALUE;
        for (Slot s : open.values()) {
            min = Math.min(min, s.lastNanos + flushAfterNanos);
        }
        return min;
    }

    private void drain(Out out) {
        while (!queue.isEmpty() && queue.peekFirst().complete) {
            Slot s = queue.pollFirst();
            out.line(s.text(), s.start);
        }
    }
}
