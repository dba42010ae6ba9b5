package io.floe.agent.pipeline;

import io.floe.api.PluginMetrics;
import io.floe.codec.event.EventStream;
import java.util.List;
import org.slf4j.Logger;

/**
 * Fluentd's {@code copy}: every store gets the events, each through its own buffer, so a slow or failing
 * store does not hold the others back. A store's error stops the copy unless it is marked
 * {@code ignore_error}; {@code ignore_if_prev_success} skips a store when the one before it took the events.
 */
public final class CopySink implements Sink {

    /** One {@code <store>} with its Fluentd flags. */
    public record Store(Sink sink, boolean ignoreError, boolean ignoreIfPrevSuccess) {
    }

    private final List<Store> stores;
    private final PluginMetrics metrics;
    private final Logger log;

    public CopySink(List<Store> stores, PluginMetrics metrics, Logger log) {
        this.stores = List.copyOf(stores);
        this.metrics = metrics;
        this.log = log;
    }

    @Override
    public void accept(String tag, EventStream events) throws Exception {
        metrics.emitted(events);
        boolean prevSucceeded = false;
        for (Store s : stores) {
            if (s.ignoreIfPrevSuccess() && prevSucceeded) {
                continue;
            }
            try {
                s.sink().accept(tag, events);
                prevSucceeded = true;
            } catch (Exception e) {
                prevSucceeded = false;
                if (!s.ignoreError()) {
                    metrics.numErrors.increment();
                    throw e;
                }
                log.warn("store failed and is ignored (ignore_error): {}", e.toString());
            }
        }
    }

    @Override
    public void start() throws Exception {
        for (Store s : stores) {
            s.sink().start();
        }
    }

    @Override
    public void flushNow() {
        stores.forEach(s -> s.sink().flushNow());
    }

    @Override
    public void stop() {
        stores.forEach(s -> s.sink().stop());
    }
}
