package io.floe.inputs.forward;

import java.time.Duration;

/**
 * The bounds that keep one connection from costing others, where Fluentd has no parameter for them.
 * Fixed in production; tests shrink them to run in seconds.
 *
 * @param maxFrameBytes the largest message when {@code chunk_size_limit} is not set
 * @param frameTimeout how long one message may take to arrive once begun; out_forward gives up sending
 *     after its {@code send_timeout} of 60s, so a slower message is already abandoned by its client
 * @param unwritableTimeout how long a client may leave its acks unread with the outbound buffer full
 * @param writeLowWaterMark outbound bytes below which a connection is writable again
 * @param writeHighWaterMark outbound bytes above which reading stops until the client catches up
 * @param maxInFlight emits a connection may have waiting for the router before it stops reading
 */
record ForwardLimits(int maxFrameBytes, Duration frameTimeout, Duration unwritableTimeout,
                     int writeLowWaterMark, int writeHighWaterMark, int maxInFlight) {

    static final int DEFAULT_MAX_FRAME_BYTES = 64 << 20;

    static ForwardLimits defaults() {
        return new ForwardLimits(DEFAULT_MAX_FRAME_BYTES, Duration.ofSeconds(60), Duration.ofSeconds(60), 32 << 10, 64 << 10, 64);
    }
}
