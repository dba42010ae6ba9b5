package io.floe.agent.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request bodies one listener holds at once, from their first byte until their answer is written,
 * against one cap. Each connection may hold a body up to its mount's limit (in_http's 32 MiB), so without
 * a cap a few hundred clients posting large bodies together could exhaust the heap. Past the cap a body
 * is refused (503, the connection closed: its client sends it again later), except the only one held,
 * which always fits: a lone body up to the mount's limit is never refused.
 */
final class BodyMemory {
    private final long cap;
    private final AtomicLong held = new AtomicLong();

    BodyMemory(long cap) {
        this.cap = cap;
    }

    /** A cap of a quarter of the heap: what the agent's buffers and outputs leave to requests in flight. */
    static BodyMemory ofHeap() {
        return new BodyMemory(Runtime.getRuntime().maxMemory() / 4);
    }

    /**
     * Takes {@code n} more bytes for a body that holds {@code mine} already.
     *
     * @return false when they do not fit: nothing was taken
     */
    boolean take(long n, long mine) {
        while (true) {
            long now = held.get();
            if (now + n > cap && now != mine) {
                return false;
            }
            if (held.compareAndSet(now, now + n)) {
                return true;
            }
        }
    }

    void give(long n) {
        if (n > 0) {
            held.addAndGet(-n);
        }
    }

    long held() {
        return held.get();
    }
}
