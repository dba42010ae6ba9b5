package io.floe.agent.pipeline;

import io.floe.codec.event.EventStream;

/**
 * Where a {@code <match>} sends what it caught: an output (direct or behind a buffer), a copy to several
 * stores, or another label. {@link #accept} returns once the events are held (buffered or written) and
 * throws when they were refused.
 */
public interface Sink {
    void accept(String tag, EventStream events) throws Exception;

    default void start() throws Exception {
    }

    /** Enqueue and write everything buffered now (SIGUSR1, {@code /api/plugins.flushBuffers}). */
    default void flushNow() {
    }

    /** Stop flushing; buffers with {@code flush_at_shutdown} are written first. */
    default void stop() {
    }
}
