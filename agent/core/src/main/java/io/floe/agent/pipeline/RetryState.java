package io.floe.agent.pipeline;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Fluentd's retry schedule for one output: exponential ({@code retry_wait * base^steps}, capped by
 * {@code retry_max_interval}) or periodic, randomized by +-12.5%, and a limit by time
 * ({@code retry_timeout}) or count ({@code retry_max_times}) unless {@code retry_forever}.
 */
public final class RetryState {
    private final BufferConfig cfg;
    private final long startMillis;
    private int steps;
    private long nextMillis;

    public RetryState(BufferConfig cfg, long nowMillis) {
        this.cfg = cfg;
        this.startMillis = nowMillis;
        this.nextMillis = nowMillis + waitMillis(0);
    }

    /** Records one more failed attempt and schedules the next. */
    public void step(long nowMillis) {
        steps++;
        nextMillis = nowMillis + waitMillis(steps);
    }

    long waitMillis(int k) {
        double base = cfg.retryWait().toNanos() / 1e9;
        double interval = cfg.retryType() == BufferConfig.RetryType.PERIODIC
                ? base
                : base * Math.pow(cfg.retryExponentialBackoffBase(), k);
        if (cfg.retryMaxInterval() != null) {
            interval = Math.min(interval, cfg.retryMaxInterval().toNanos() / 1e9);
        }
        if (cfg.retryRandomize()) {
            interval += interval * 0.125 * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        }
        return Math.round(interval * 1000);
    }

    /** True once the retries are used up and the chunk goes to {@code <secondary>} or the backup directory. */
    public boolean limitReached(long nowMillis) {
        if (cfg.retryForever()) {
            return false;
        }
        if (cfg.retryMaxTimes() != null && steps >= cfg.retryMaxTimes()) {
            return true;
        }
        return nowMillis - startMillis >= cfg.retryTimeout().toMillis();
    }

    public boolean secondaryDue(long nowMillis) {
        return nowMillis - startMillis >= cfg.retryTimeout().toMillis() * cfg.retrySecondaryThreshold();
    }

    public int steps() {
        return steps;
    }

    public long startMillis() {
        return startMillis;
    }

    public long nextMillis() {
        return nextMillis;
    }

    /** A forced flush (SIGUSR1) retries now. */
    public void retryNow(long nowMillis) {
        nextMillis = nowMillis;
    }
}
