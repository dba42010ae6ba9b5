package io.floe.api;

/**
 * What one configuration leaves for the next across a reload: a plugin that owns something clients
 * connect to (a bound listening socket) leaves it here when it stops, instead of closing it, and the
 * plugin of the next configuration that wants the same thing adopts it. Clients then queue in the
 * kernel's backlog during the reload instead of being refused. The agent closes whatever nobody adopted
 * once the new configuration runs, and everything when it stops.
 */
public interface Handover {
    /** Closes what is left at once: for plugins run outside an agent that reloads. */
    Handover NONE = new Handover() {
        @Override
        public <T> T adopt(String key, Class<T> type) {
            return null;
        }

        @Override
        public void leave(String key, AutoCloseable resource) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + key + " failed", e);
            }
        }
    };

    /** Takes what the previous configuration left under {@code key}, or null; a taken resource is the caller's. */
    <T> T adopt(String key, Class<T> type);

    /** Leaves {@code resource} under {@code key} for the next configuration; it is closed if nobody adopts it. */
    void leave(String key, AutoCloseable resource);
}
