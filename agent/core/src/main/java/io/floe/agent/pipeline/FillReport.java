package io.floe.agent.pipeline;

import io.floe.buffer.ChunkBuffer;
import io.floe.buffer.OverflowAction;

/**
 * Flow control for one buffer: with {@code overflow_action block}, its fill goes to {@link FlowControl}
 * after every write and purge, so inputs pause before it is full; other overflow actions report nothing.
 */
final class FillReport {
    private final boolean blocking;
    private volatile FlowControl flow;

    FillReport(OverflowAction overflowAction) {
        this.blocking = overflowAction == OverflowAction.BLOCK;
    }

    void attach(FlowControl flow) {
        if (blocking) {
            this.flow = flow;
        }
    }

    void report(ChunkBuffer buffer) {
        FlowControl f = flow;
        if (f != null) {
            f.fill(this, buffer.stageBytes() + buffer.queueBytes(), buffer.totalLimit());
        }
    }
}
