package io.floe.inputs.tail;

import io.floe.api.PluginContext;
import java.nio.charset.Charset;

/**
 * What every file of one tail source shares: the settings, the parser, the pos file, the warnings and
 * the batch on its way out. All used by the tail thread only.
 */
final class TailEnv {
    /** Floe's cap on one line when max_line_size is unset: the heap is small (128m by default). */
    static final int DEFAULT_MAX_LINE = 4 << 20;
    /** Batches read from one file before the next file gets its turn. */
    static final int BATCHES_PER_TURN = 8;

    final PluginContext ctx;
    final PositionFile positions;
    final TailParsing parsing;
    final LineEvents events;
    final BatchEmitter emitter;
    final Warnings warnings;
    final Charset charset;
    final TailTag tag;
    final int readLinesLimit;
    final long bytesPerSecond;
    final int maxLineBytes;
    final long rotateWaitNanos;
    final long joinFlushNanos;
    final boolean followInodes;
    final boolean emitUnmatched;

    TailEnv(PluginContext ctx, PositionFile positions, TailParsing parsing, LineEvents events, Warnings warnings, Charset charset,
            TailTag tag, int readLinesLimit, long bytesPerSecond, int maxLineBytes, long rotateWaitNanos, long joinFlushNanos,
            boolean followInodes, boolean emitUnmatched) {
        this.ctx = ctx;
        this.positions = positions;
        this.parsing = parsing;
        this.events = events;
        this.emitter = new BatchEmitter(ctx);
        this.warnings = warnings;
        this.charset = charset;
        this.tag = tag;
        this.readLinesLimit = readLinesLimit;
        this.bytesPerSecond = bytesPerSecond;
        this.maxLineBytes = maxLineBytes;
        this.rotateWaitNanos = rotateWaitNanos;
        this.joinFlushNanos = joinFlushNanos;
        this.followInodes = followInodes;
        this.emitUnmatched = emitUnmatched;
    }

    LineAssembler assembler(String path) {
        return new LineAssembler(parsing.mode(), parsing.multiline(), maxLineBytes, joinFlushNanos,
                (start, bytes) -> warnings.warn("joined:" + path, "a joined line of " + path + " at offset " + start
                        + " grew past max_line_size (" + bytes + " bytes): emitted in pieces", System.nanoTime()));
    }
}
