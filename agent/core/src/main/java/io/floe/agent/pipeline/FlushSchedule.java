package io.floe.agent.pipeline;

import io.floe.buffer.BufferChunk;
import io.floe.buffer.ChunkBuffer;
import java.util.concurrent.TimeUnit;

/**
 * When a staged chunk is due to be queued for a flush ({@code flush_mode}: every {@code flush_interval},
 * at the end of its {@code timekey} plus {@code timekey_wait}, or at once), and how long a flush thread
 * may sleep before the next one is due.
 */
final class FlushSchedule {
    private final BufferConfig cfg;
    private final ChunkKeys keys;
    private final BufferConfig.FlushMode mode;

    FlushSchedule(BufferConfig cfg, ChunkKeys keys) {
        this.cfg = cfg;
        this.keys = keys;
        // Fluentd's default: lazy when chunks are keyed by time, interval otherwise.
        this.mode = cfg.flushMode() != BufferConfig.FlushMode.DEFAULT ? cfg.flushMode()
                : keys.hasTime() ? BufferConfig.FlushMode.LAZY : BufferConfig.FlushMode.INTERVAL;
    }

    BufferConfig.FlushMode mode() {
        return mode;
    }

    /** With {@code flush_mode immediate}, every write is queued as soon as it is buffered. */
    boolean immediate() {
        return mode == BufferConfig.FlushMode.IMMEDIATE;
    }

    /** Queues the staged chunks that are due now. */
    void enqueueDue(ChunkBuffer buffer) {
        buffer.enqueue(c -> dueMillis(c) <= System.currentTimeMillis());
    }

    long dueMillis(BufferChunk c) {
        return switch (mode) {
            case IMMEDIATE -> 0;
            case LAZY -> (c.key().timekey() + keys.timekeySeconds() + cfg.timekeyWait().toSeconds()) * 1000;
            default -> c.createdMillis() + cfg.flushInterval().toMillis();
        };
    }

    /** How long an idle flush thread waits: until the next staged chunk is due, at most {@code flush_thread_interval}. */
    long nanosUntilNextDue(ChunkBuffer buffer) {
        long wait = cfg.flushThreadInterval().toMillis();
        long now = System.currentTimeMillis();
        for (BufferChunk c : buffer.staged()) {
            wait = Math.min(wait, dueMillis(c) - now);
        }
        // An emptied file buffer gives its disk back after a moment of idleness: wake for that too.
        long maintenance = TimeUnit.NANOSECONDS.toMillis(buffer.maintenanceDueNanos());
        wait = Math.min(wait, maintenance);
        return TimeUnit.MILLISECONDS.toNanos(Math.max(5, wait));
    }
}
