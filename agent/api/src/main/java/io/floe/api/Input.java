package io.floe.api;

/**
 * A source of events. {@link #start()} begins producing into {@link PluginContext#router()};
 * {@link #stop()} stops producing and returns once nothing more will be emitted.
 */
public interface Input {
    void start() throws Exception;

    void stop();

    /** Stop reading (buffers ahead are full and block); the default ignores it. */
    default void pause() {
    }

    default void resume() {
    }
}
