package io.floe.agent.monitor;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * JVM and process metrics served from a snapshot at most {@code maxAge} old, refreshed in the
 * background when a scrape finds it stale. Reading thread states takes a JVM safepoint, which waits for
 * every busy event loop: on the request path it made {@code /metrics} the slowest endpoint under load
 * (fluent-plugin-prometheus refreshes its monitor metrics every 5 s too).
 */
final class RefreshingMetrics implements MultiCollector {
    private final PrometheusRegistry source;
    private final long maxAgeNanos;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile MetricSnapshots last;
    private volatile long takenNanos;

    RefreshingMetrics(PrometheusRegistry source, Duration maxAge) {
        this.source = source;
        this.maxAgeNanos = maxAge.toNanos();
    }

    @Override
    public MetricSnapshots collect() {
        MetricSnapshots s = last;
        if (s == null) {
            refresh();
            return last;
        }
        if (System.nanoTime() - takenNanos > maxAgeNanos && refreshing.compareAndSet(false, true)) {
            ForkJoinPool.commonPool().execute(() -> {
                try {
                    refresh();
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return s;
    }

    private void refresh() {
        MetricSnapshots s = source.scrape();
        takenNanos = System.nanoTime();
        last = s;
    }
}
