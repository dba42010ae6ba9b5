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

    /** The largest message when the heap is large enough; Fluentd's in_forward has no cap of its own. */
    static final int DEFAULT_MAX_FRAME_BYTES = 64 << 20;
    /**
     * A message costs the heap about two copies of itself while it is decoded, emitted and flushed (its
     * bytes taken off the socket, then a chunk's batch read back by the output), besides the socket
     * buffers it arrives in, which are direct memory. Messages being decoded at once may take a quarter of
     * the heap ({@link #decodeBudget}), and the largest message is an eighth, so two of the largest fit
     * beside each other, and the outputs' copies beside them, in the heap the JVM was given.
     */
    private static final int FRAMES_PER_HEAP = 8;

    static ForwardLimits defaults() {
        return new ForwardLimits(heapSafeFrameBytes(Runtime.getRuntime().maxMemory()), Duration.ofSeconds(60), Duration.ofSeconds(60), 32 << 10, 64 << 10, 64);
    }

    /** The largest message a heap of {@code maxHeap} bytes takes safely: the default when {@code chunk_size_limit} is not set. */
    static int heapSafeFrameBytes(long maxHeap) {
        return (int) Math.min(DEFAULT_MAX_FRAME_BYTES, maxHeap / FRAMES_PER_HEAP);
    }

    /** The most bytes of messages one input decodes and emits at once, in a heap of {@code maxHeap} bytes. */
    static long decodeBudget(long maxHeap) {
        return 2L * heapSafeFrameBytes(maxHeap);
    }
}
