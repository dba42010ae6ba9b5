package io.floe.buffer;

/** Fluentd's {@code overflow_action}: what a write does when {@code total_limit_size} is reached. */
public enum OverflowAction {
    /** Refuse the write (the forward input then sends no ack, so the client resends). */
    THROW_EXCEPTION,
    /** Wait for space: backpressure up to the inputs. */
    BLOCK,
    /** Make room by discarding the oldest queued chunk, counted and logged. */
    DROP_OLDEST_CHUNK
}
