package io.floe.inputs.tail;

/** read_bytes_limit_per_second for one file: a budget per one-second window. */
final class ReadRate {
    private static final long SECOND = 1_000_000_000L;

    private final long bytesPerSecond;
    private long windowStart;
    private long used;

    /** @param bytesPerSecond the limit, or 0 or less for none */
    ReadRate(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Bytes that may still be read in this second. */
    long budget(long now) {
        if (bytesPerSecond <= 0) {
            return Long.MAX_VALUE;
        }
        if (now - windowStart >= SECOND) {
            windowStart = now;
            used = 0;
        }
        return Math.max(0, bytesPerSecond - used);
    }

    void used(long bytes) {
        used += bytes;
    }

    /** When reading may go on after the budget ran out. */
    long nextWindow() {
        return windowStart + SECOND;
    }
}
