package io.floe.api.monitor;

/**
 * An output's current retry sequence: when it began, how many failures it counts after the first
 * (Fluentd's {@code steps}), and when the next attempt is due; times in epoch milliseconds.
 */
public record RetryStatus(long startMillis, int steps, long nextMillis) {
}
