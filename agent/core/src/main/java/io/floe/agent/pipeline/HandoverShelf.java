package io.floe.agent.pipeline;

import io.floe.api.Handover;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The agent's {@link Handover}: outlives every pipeline. A stopping pipeline's plugins leave their
 * listeners on it, the next pipeline's plugins take them; after a reload whatever was not taken is
 * closed, and on stop everything is.
 */
public final class HandoverShelf implements Handover {
    private final Map<String, AutoCloseable> left = new LinkedHashMap<>();
    private final Logger log;

    public HandoverShelf(Logger log) {
        this.log = log;
    }

    @Override
    public synchronized <T> T adopt(String key, Class<T> type) {
        AutoCloseable r = left.get(key);
        if (!type.isInstance(r)) {
            return null;
        }
        left.remove(key);
        return type.cast(r);
    }

    @Override
    public void leave(String key, AutoCloseable resource) {
        AutoCloseable previous;
        synchronized (this) {
            previous = left.put(key, resource);
        }
        if (previous != null && previous != resource) {
            close(key, previous);
        }
    }

    /** Closes everything nobody took: after a reload, and when the agent stops. */
    public void closeLeftOver() {
        List<Map.Entry<String, AutoCloseable>> rest;
        synchronized (this) {
            rest = new ArrayList<>(left.entrySet());
            left.clear();
        }
        rest.forEach(e -> close(e.getKey(), e.getValue()));
    }

    private void close(String key, AutoCloseable r) {
        try {
            r.close();
            log.debug("closed {} left by the previous configuration", key);
        } catch (Exception e) {
            log.warn("closing {} failed: {}", key, e.toString());
        }
    }
}
