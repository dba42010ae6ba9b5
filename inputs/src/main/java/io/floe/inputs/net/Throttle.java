package io.floe.inputs.net;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One warning per interval for a thing that can happen on every line or message of every connection (a refused
 * emit, an oversize line): the first passes at once, later ones within the interval are held back and counted,
 * and the next one that passes says how many were. Shared by the connections of one input.
 */
public final class Throttle {
    private final long intervalNanos;
    private final AtomicLong lastNanos = new AtomicLong();
    private final AtomicLong heldBack = new AtomicLong();
    private volatile boolean passed;

    public Throttle(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** -1 when this warning is held back; else how many were held back since the last one that passed. */
    public long pass() {
        long now = System.nanoTime();
        long last = lastNanos.get();
        if (passed && now - last < intervalNanos || !lastNanos.compareAndSet(last, now)) {
            heldBack.incrementAndGet();
            return -1;
        }
        passed = true;
        return heldBack.getAndSet(0);
    }

    /** " (N more since the last warning)", or nothing when none was held back. */
    public static String more(long heldBack) {
        return heldBack > 0 ? " (" + heldBack + " more since the last warning)" : "";
    }
}
