package io.floe.api;

import io.floe.codec.event.EventStream;
import java.util.concurrent.atomic.LongAdder;

/** Counters named as Fluentd's monitor_agent names them. */
public final class PluginMetrics {
    public final LongAdder emitCount = new LongAdder();
    public final LongAdder emitRecords = new LongAdder();
    public final LongAdder writeCount = new LongAdder();
    public final LongAdder rollbackCount = new LongAdder();
    public final LongAdder numErrors = new LongAdder();
    public final LongAdder retryCount = new LongAdder();
    public final LongAdder slowFlushCount = new LongAdder();
    public final LongAdder flushTimeCount = new LongAdder();

    /** Counts one emit of {@code events}: Fluentd's emit_count and emit_records go up together. */
    public void emitted(EventStream events) {
        emitCount.increment();
        emitRecords.add(events.count());
    }
}
