package io.floe.agent.pipeline;

import io.floe.api.monitor.RetryStatus;
import org.slf4j.Logger;

/**
 * The output's retry sequence: one per output, as in Fluentd, started by a failed write and ended by a
 * successful one or by giving a chunk up. Flush threads share it; each failure is one step.
 */
final class Retries {
    private final BufferConfig cfg;
    private final boolean hasSecondary;
    private final Logger log;
    private RetryState retry;

    Retries(BufferConfig cfg, boolean hasSecondary, Logger log) {
        this.cfg = cfg;
        this.hasSecondary = hasSecondary;
        this.log = log;
    }

    /** Records a failed write: starts the sequence or takes its next step; returns the state after it. */
    synchronized RetryState failed(long nowMillis) {
        if (retry == null) {
            retry = new RetryState(cfg, nowMillis);
        } else {
            retry.step(nowMillis);
        }
        return retry;
    }

    /**
     * Whether the chunk that failed is given up now: the retries are used up, or, with a
     * {@code <secondary>}, {@code retry_secondary_threshold} of {@code retry_timeout} has passed.
     */
    boolean exhausted(RetryState r, long nowMillis) {
        return r.limitReached(nowMillis) || (hasSecondary && r.secondaryDue(nowMillis));
    }

    /** A write went through: the sequence, if any, ends. */
    synchronized void succeeded() {
        if (retry != null) {
            log.info("retry succeeded. retry_times={}", retry.steps());
            retry = null;
        }
    }

    /** A chunk was given up: the next failure starts a new sequence. */
    synchronized void reset() {
        retry = null;
    }

    /** When the next attempt is due; 0 while not retrying. */
    synchronized long nextMillis() {
        return retry == null ? 0 : retry.nextMillis();
    }

    /** A forced flush (SIGUSR1) retries now. */
    synchronized void retryNow(long nowMillis) {
        if (retry != null) {
            retry.retryNow(nowMillis);
        }
    }

    /** The current sequence for the monitor; null while not retrying. */
    synchronized RetryStatus status() {
        return retry == null ? null : new RetryStatus(retry.startMillis(), retry.steps(), retry.nextMillis());
    }
}
