package io.floe.outputs.nulls;

import io.floe.api.Chunk;
import io.floe.api.Output;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.WriteResult;
import io.floe.api.config.Param;
import java.io.IOException;
import java.util.Map;

/** Fluentd's out_null: accepts and drops everything. The engine counts what passed through. */
@Plugin(type = "null", desc = "Discards events (Fluentd's out_null).")
public final class NullOutput implements Output {

    public record Config(
            @Param(desc = "For testing: fail every write, to exercise retries and secondaries.", dflt = "false")
            boolean neverFlush) {
    }

    private final boolean neverFlush;

    public NullOutput(Config config, PluginContext ctx) {
        this.neverFlush = config.neverFlush();
    }

    @Override
    public WriteResult write(Chunk chunk) throws IOException {
        if (neverFlush) {
            throw new IOException("failed to flush");
        }
        return WriteResult.ok();
    }

    /** Fluentd's out_null {@code <buffer>} default, used when a buffer is configured. */
    @Override
    public Map<String, String> bufferDefaults() {
        return Map.of("chunk_limit_size", "10k");
    }
}
