package io.floe.agent.pipeline;

import io.floe.api.PluginMetrics;
import io.floe.api.monitor.BufferStatus;
import io.floe.buffer.BufferOverflowException;
import io.floe.buffer.ChunkBuffer;
import io.floe.buffer.OverflowAction;
import io.floe.buffer.StorageFullException;
import io.floe.codec.event.EventStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * The buffer's side of an output's counters: what was emitted into it, what it refused (counted, logged,
 * and remembered for {@code /readyz}), the chunks {@code drop_oldest_chunk} discarded (never silently),
 * and its state for the monitor.
 */
final class BufferGauge {
    private final PluginMetrics metrics;
    private final OverflowAction overflowAction;
    private final Logger log;
    private final AtomicLong droppedSeen = new AtomicLong();
    /** When the buffer last refused a write (full, overflow_action throw_exception); 0 if never. For /readyz. */
    private volatile long lastRefusedMillis;

    BufferGauge(PluginMetrics metrics, OverflowAction overflowAction, Logger log) {
        this.metrics = metrics;
        this.overflowAction = overflowAction;
        this.log = log;
    }

    void emitted(EventStream events) {
        metrics.emitted(events);
    }

    /** The buffer refused a write. */
    void refused(BufferOverflowException e) {
        lastRefusedMillis = System.currentTimeMillis();
        metrics.numErrors.increment();
        // A full disk: the buffer logs it itself, once per interval, not once per write.
        if (!(e instanceof StorageFullException)) {
            log.warn("failed to write data into buffer by buffer overflow action={}", overflowAction.name().toLowerCase());
        }
    }

    /** drop_oldest_chunk discards data: never silently. */
    void reportDrops(ChunkBuffer buffer) {
        long dropped = buffer.droppedChunks();
        long seen = droppedSeen.get();
        if (dropped > seen && droppedSeen.compareAndSet(seen, dropped)) {
            log.warn("dropped the oldest chunk to make room (overflow_action drop_oldest_chunk): {} chunks with {} events dropped so far",
                    dropped, buffer.droppedRecords());
        }
    }

    /** The buffer's state for the monitor; null before it is open. */
    BufferStatus status(ChunkBuffer b) {
        if (b == null) {
            return null;
        }
        long stage = b.stageBytes();
        long queue = b.queueBytes();
        List<Long> timekeys = b.staged().stream().map(c -> c.key().timekey()).filter(t -> t >= 0).distinct().sorted().toList();
        double free = Math.round(1000.0 * Math.max(0, b.totalLimit() - stage - queue) / b.totalLimit()) / 10.0;
        return new BufferStatus(b.queueLength(), timekeys, b.stageLength(), stage, queue, free, b.droppedChunks(), lastRefusedMillis);
    }
}
