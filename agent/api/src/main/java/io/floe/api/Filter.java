package io.floe.api;

import io.floe.codec.event.Event;

/**
 * Transforms or drops one decoded event. The engine decodes a stream once for a whole chain of
 * filters and encodes it once after, so a filter works on the {@link Event} in place.
 */
public interface Filter {
    /** Returns false to drop the event. */
    boolean filter(String tag, Event event);

    default void start() throws Exception {
    }

    default void stop() {
    }
}
