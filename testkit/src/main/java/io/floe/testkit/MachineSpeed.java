package io.floe.testkit;

import java.time.Duration;

/**
 * Time allowed for work whose speed is the machine's rather than the code's: a server under test answering, a
 * process starting. A test states the figure that holds on a quiet developer machine; this scales it by
 * {@code floe.test.timeScale} (default 5, enough for a shared 2-core machine running another build). Never for a
 * latency the product promises: that stays the test's own figure.
 */
public final class MachineSpeed {
    private static final String PROPERTY = "floe.test.timeScale";
    private static final double DEFAULT_SCALE = 5;

    private MachineSpeed() {
    }

    /** {@code quiet} times the machine's scale. */
    public static Duration allow(Duration quiet) {
        return Duration.ofMillis(Math.round(quiet.toMillis() * scale()));
    }

    /** As Fluentd's time parameters write it, e.g. for {@code request_timeout}. */
    public static String allowParam(Duration quiet) {
        return allow(quiet).toMillis() + "ms";
    }

    static double scale() {
        String s = System.getProperty(PROPERTY);
        if (s == null || s.isBlank()) {
            return DEFAULT_SCALE;
        }
        double v = Double.parseDouble(s.trim());
        if (!(v >= 1)) {
            throw new IllegalArgumentException(PROPERTY + " must be at least 1: " + s);
        }
        return v;
    }
}
