package io.floe.api;

import java.util.concurrent.Callable;

/**
 * Lets a resource outlive one configuration: during a reload the old plugins stop before the new ones
 * start, and a server that must keep answering (the monitor's HTTP port, probed by Kubernetes) is
 * released by the old plugin and acquired by the new one instead of being closed and bound again.
 */
public interface Handover {
    /**
     * The resource the previous configuration released under {@code key}, or a new one from {@code open}.
     * The caller owns it until {@link #release}.
     */
    <T extends AutoCloseable> T acquire(String key, Class<T> type, Callable<T> open) throws Exception;

    /**
     * Gives the resource back when the plugin stops. The engine keeps it open for the next configuration
     * and closes it once a reload has started without claiming it, or at shutdown.
     */
    void release(String key, AutoCloseable resource);

    /** Outside an agent nothing is kept: acquire opens, release closes. */
    Handover NONE = new Handover() {
        @Override
        public <T extends AutoCloseable> T acquire(String key, Class<T> type, Callable<T> open) throws Exception {
            return open.call();
        }

        @Override
        public void release(String key, AutoCloseable resource) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close " + key, e);
            }
        }
    };
}
