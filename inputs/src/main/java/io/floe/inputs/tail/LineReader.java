package io.floe.inputs.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Splits a file into lines at {@code \n}, reading at explicit offsets so every line is known by where it
 * starts and ends in the file (what a position must point at). The buffer starts small, grows for a long
 * line up to {@code maxLineBytes}, and shrinks back afterwards: many idle files cost little memory. A line
 * longer than the cap is not kept: its bytes are skipped up to the next newline and reported, so a 50 MB
 * line without a newline costs a scan, never the heap.
 */
final class LineReader {
    static final int INITIAL = 64 << 10;

    /** Told about a line that was too long and skipped. */
    interface SkipListener {
        void skipped(long startOffset, long bytes, boolean complete);
    }

    private final int maxLineBytes;
    private final SkipListener skips;
    private static final byte[] EMPTY = new byte[0];

    private byte[] buf = EMPTY;
    private int start;
    private int end;
    /** File offset of buf[start]. */
    private long startOffset;
    /** Where the skipped long line began, or -1 when not skipping. */
    private long skippingFrom = -1;
    /** buf[start, scanned) holds no newline: a long line arriving in pieces is scanned once. */
    private int scanned;

    // The line found by next(): buf[lineStart, lineStart + lineLength) without its newline.
    int lineStart;
    int lineLength;
    long lineStartOffset;
    long lineEndOffset;

    LineReader(int maxLineBytes, SkipListener skips) {
        this.maxLineBytes = maxLineBytes;
        this.skips = skips;
    }

    /** Forgets anything buffered; the next line starts at {@code position}. */
    void reset(long position) {
        start = 0;
        end = 0;
        scanned = 0;
        startOffset = position;
        skippingFrom = -1;
        buf = EMPTY;
    }

    /** Gives the buffer back while nothing is pending: an idle file holds no memory. */
    void release() {
        if (start == end && skippingFrom < 0) {
            start = 0;
            end = 0;
            scanned = 0;
            buf = EMPTY;
        }
    }

    /** File offset just past what was read from the file so far. */
    long readOffset() {
        return startOffset + (end - start);
    }

    /** Bytes read but not yet returned as a line (an unfinished last line). */
    int pending() {
        return end - start;
    }

    byte[] buffer() {
        return buf;
    }

    /**
     * Reads up to {@code max} more bytes from the channel at {@link #readOffset()}.
     *
     * @return bytes read; 0 when the file has nothing more now
     */
    int fill(FileChannel ch, int max) throws IOException {
        makeRoom();
        int want = Math.min(max, buf.length - end);
        int n = ch.read(ByteBuffer.wrap(buf, end, want), readOffset());
        if (n <= 0) {
            return 0;
        }
        end += n;
        return n;
    }

    /** Finds the next complete line in what was read; false when more must be read first. */
    boolean next() {
        while (true) {
            int nl = indexOf((byte) '\n', Math.max(start, scanned), end);
            scanned = nl < 0 ? end : nl;
            if (skippingFrom >= 0) {
                if (nl < 0) {
                    startOffset += end - start;
                    start = end;
                    return false;
                }
                long to = startOffset + (nl + 1 - start);
                skips.skipped(skippingFrom, to - skippingFrom, true);
                skippingFrom = -1;
                startOffset = to;
                start = nl + 1;
                continue;
            }
            if (nl < 0) {
                if (end - start > maxLineBytes) {
                    skippingFrom = startOffset;
                    startOffset += end - start;
                    start = end;
                }
                return false;
            }
            int len = nl - start;
            if (len > maxLineBytes) {
                skips.skipped(startOffset, len + 1L, true);
                startOffset += len + 1;
                start = nl + 1;
                continue;
            }
            lineStart = start;
            lineLength = len;
            lineStartOffset = startOffset;
            lineEndOffset = startOffset + len + 1;
            startOffset = lineEndOffset;
            start = nl + 1;
            return true;
        }
    }

    /**
     * The unfinished last line, taken as a line: for a file that will not grow again (rotated away,
     * deleted). False when there is none. A line being skipped is reported as skipped instead.
     */
    boolean takeRemainder() {
        if (skippingFrom >= 0) {
            skips.skipped(skippingFrom, readOffset() - skippingFrom, false);
            skippingFrom = -1;
            startOffset = readOffset();
            start = end;
            return false;
        }
        if (end == start) {
            return false;
        }
        lineStart = start;
        lineLength = end - start;
        lineStartOffset = startOffset;
        lineEndOffset = startOffset + lineLength;
        startOffset = lineEndOffset;
        start = end;
        return true;
    }

    private void makeRoom() {
        if (start == end) {
            start = 0;
            end = 0;
            scanned = 0;
            if (buf.length != INITIAL) {
                buf = new byte[INITIAL];
            }
            return;
        }
        if (end < buf.length) {
            return;
        }
        int live = end - start;
        if (start > 0 && live <= buf.length / 2) {
            System.arraycopy(buf, start, buf, 0, live);
        } else {
            // A long line: grow, but never far past the cap (the rest of such a line is skipped anyway).
            byte[] bigger = new byte[(int) Math.min((long) buf.length * 2, Math.max(buf.length, (long) maxLineBytes + 2))];
            if (bigger.length == buf.length) {
                System.arraycopy(buf, start, buf, 0, live);
            } else {
                System.arraycopy(buf, start, bigger, 0, live);
                buf = bigger;
            }
        }
        scanned = Math.max(0, scanned - start);
        start = 0;
        end = live;
    }

    private int indexOf(byte b, int from, int to) {
        byte[] a = buf;
        for (int i = from; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
