package io.floe.outputs.forward;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Fluentd's failure detector for one server: the gaps between heartbeats in a window, their weighted
 * mean, and phi = how many orders of magnitude the current silence is unlikely given that mean
 * (normalised to a 1 s interval, as Fluentd does, so that thresholds mean the same at any interval).
 * Not thread-safe; {@link ServerNode} guards it.
 */
final class PhiAccrualDetector {
    private static final double PHI_FACTOR = 1.0 / Math.log(10.0);
    private static final int WINDOW = 1000;

    private final double intervalSeconds;
    private final double hardTimeoutSeconds;
    private final long initialGapMicros;
    private final Deque<Long> gapsMicros = new ArrayDeque<>();
    private double last;

    PhiAccrualDetector(double intervalSeconds, double hardTimeoutSeconds, double nowSeconds) {
        this.intervalSeconds = intervalSeconds;
        this.hardTimeoutSeconds = hardTimeoutSeconds;
        this.initialGapMicros = (long) (intervalSeconds * 1e6);
        this.last = nowSeconds;
        gapsMicros.add(initialGapMicros);
    }

    /** A heartbeat arrived. */
    void add(double now) {
        if (gapsMicros.isEmpty()) {
            gapsMicros.add(initialGapMicros);
        } else {
            gapsMicros.add((long) ((now - last) * 1e6));
            if (gapsMicros.size() > WINDOW) {
                gapsMicros.removeFirst();
            }
        }
        last = now;
    }

    boolean hardTimeout(double now) {
        return now - last > hardTimeoutSeconds;
    }

    double phi(double now) {
        if (gapsMicros.isEmpty()) {
            return 0.0;
        }
        // Recent gaps weigh more: gap i (oldest first) has weight i+1.
        long weighted = 0;
        long weights = 0;
        int i = 1;
        for (long gap : gapsMicros) {
            weighted += gap * i;
            weights += i;
            i++;
        }
        double mean = (weighted / weights) / 1e6 - intervalSeconds + 1;
        double t = now - last - intervalSeconds + 1;
        return PHI_FACTOR * t / mean;
    }

    /** Heartbeats seen since the last {@link #clear()}: a detached server recovers after recover_wait's worth. */
    int sampleSize() {
        return gapsMicros.size();
    }

    void clear() {
        gapsMicros.clear();
        last = 0;
    }
}
