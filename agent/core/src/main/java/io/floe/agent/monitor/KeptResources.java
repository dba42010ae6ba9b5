package io.floe.agent.monitor;

import io.floe.api.Handover;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;

/**
 * The agent's {@link Handover}: resources released by a stopping configuration wait here for the next
 * one. After a reload, what the new configuration did not claim is closed; at shutdown, everything.
 */
public final class KeptResources implements Handover {
    private final Map<String, AutoCloseable> released = new LinkedHashMap<>();
    private final Logger log;

    public KeptResources(Logger log) {
        this.log = log;
    }

    @Override
    public <T extends AutoCloseable> T acquire(String key, Class<T> type, Callable<T> open) throws Exception {
        synchronized (this) {
            AutoCloseable kept = released.remove(key);
            if (type.isInstance(kept)) {
                return type.cast(kept);
            }
            close(key, kept);
        }
        try {
            return open.call();
        } catch (java.net.BindException e) {
            // A released resource may hold the port under another key (same port, other bind address).
            closeUnclaimed();
            return open.call();
        }
    }

    @Override
    public synchronized void release(String key, AutoCloseable resource) {
        close(key, released.put(key, resource));
    }

    /** After a reload started the new configuration: what it did not take over is closed. */
    public void closeUnclaimed() {
        Map<String, AutoCloseable> rest;
        synchronized (this) {
            rest = new LinkedHashMap<>(released);
            released.clear();
        }
        rest.forEach(this::close);
    }

    private void close(String key, AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("could not close {}: {}", key, e.toString());
        }
    }
}
