package io.floe.inputs.tail;

import java.io.IOException;

/**
 * Reading one open file: raw lines from the {@link LineReader}, decoded, grouped by the
 * {@link LineAssembler}, handed to a sink in order. Knows offsets, not positions: the owner decides
 * what is committed.
 */
final class FileCursor implements AutoCloseable {
    final OpenFile file;
    final String path;
    final LineAssembler assembler;
    private final LineReader reader;
    private final LineDecoder decoder;
    private final TailEnv env;
    private long lastBytes;
    private boolean exhausted;

    FileCursor(OpenFile file, String path, long position, TailEnv env) {
        this.file = file;
        this.path = path;
        this.env = env;
        this.decoder = new LineDecoder(env.charset);
        this.assembler = env.assembler(path);
        this.reader = new LineReader(env.maxLineBytes, (start, bytes, complete) -> env.warnings.warn("long:" + path,
                "skipped a line of " + bytes + " bytes at offset " + start + " of " + path + ": longer than max_line_size "
                        + env.maxLineBytes + (complete ? "" : " (and the file ended without a newline)"), System.nanoTime()));
        rewind(position);
    }

    /** Starts over at a position; whatever was read after it will be read again. */
    void rewind(long position) {
        reader.reset(position);
        assembler.reset(position);
    }

    long readOffset() {
        return reader.readOffset();
    }

    long size() throws IOException {
        return file.size();
    }

    /**
     * Reads up to {@code maxLines} lines and at most {@code maxBytes} bytes from the file.
     *
     * @return the number of lines read (0: nothing new now); {@link #lastBytes()} tells the bytes
     */
    int read(int maxLines, long maxBytes, long now, LineAssembler.Out out) throws IOException {
        int lines = 0;
        long bytes = 0;
        exhausted = false;
        while (lines < maxLines) {
            if (reader.next()) {
                String text = decoder.decode(reader.buffer(), reader.lineStart, reader.lineLength);
                assembler.accept(text, reader.lineStartOffset, reader.lineEndOffset, reader.lineLength, now, out);
                lines++;
                continue;
            }
            if (bytes >= maxBytes) {
                break;
            }
            if (file.size() <= reader.readOffset()) {
                exhausted = true;
                break;
            }
            int n = reader.fill(file.channel, (int) Math.min(Integer.MAX_VALUE, maxBytes - bytes));
            if (n == 0) {
                exhausted = true;
                break;
            }
            bytes += n;
        }
        lastBytes = bytes;
        assembler.flushIdle(now, out);
        long unmatched = env.events.takeUnmatched();
        if (unmatched > 0) {
            env.ctx.metrics().numErrors.add(unmatched);
            env.warnings.warn("unmatched:" + path, unmatched + " line(s) of " + path + " did not parse and went on "
                    + (env.emitUnmatched ? "as unmatched_line" : "to @ERROR") + "; the last: " + env.events.lastProblem(), now);
        }
        long invalid = decoder.takeInvalidLines();
        if (invalid > 0) {
            env.warnings.warn("encoding:" + path, invalid + " line(s) of " + path + " held bytes that are not valid "
                    + env.charset.name() + "; they were replaced by U+FFFD", now);
        }
        return lines;
    }

    long lastBytes() {
        return lastBytes;
    }

    /** The last read stopped because the file had nothing more (not because of a limit). */
    boolean exhausted() {
        return exhausted;
    }

    /** The file will not grow again: its unfinished last line and every held group are handed on. */
    void finish(long now, LineAssembler.Out out) {
        takeRemainder(now, out);
        assembler.flushAll(out);
    }

    /** Its unfinished last line is a line: the file will not grow again. */
    void takeRemainder(long now, LineAssembler.Out out) {
        if (reader.takeRemainder()) {
            String text = decoder.decode(reader.buffer(), reader.lineStart, reader.lineLength);
            assembler.accept(text, reader.lineStartOffset, reader.lineEndOffset, reader.lineLength, now, out);
        }
    }

    /** Lets the read buffer go when nothing is held, so idle files cost no memory. */
    void idle() {
        reader.release();
    }

    @Override
    public void close() {
        file.close();
    }
}
