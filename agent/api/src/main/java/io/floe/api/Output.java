package io.floe.api;

/**
 * A destination. The engine owns buffering, flushing, retries and {@code <secondary>}: an output only
 * writes one chunk and says how it went. Throwing means "retry the whole chunk later".
 */
public interface Output {
    WriteResult write(Chunk chunk) throws Exception;

    default void start() throws Exception {
    }

    default void stop() {
    }

    /**
     * Whether this output wants a buffer when the config gives no {@code <buffer>} (Fluentd's out_file
     * does, out_stdout and out_null do not).
     */
    default boolean bufferedByDefault() {
        return false;
    }

    /**
     * Fluentd's per-plugin {@code <buffer>} defaults, as config text: out_file gives
     * {@code chunk_keys=time, timekey=1d}. The key {@code chunk_keys} stands for the section argument.
     */
    default java.util.Map<String, String> bufferDefaults() {
        return java.util.Map.of();
    }
}
