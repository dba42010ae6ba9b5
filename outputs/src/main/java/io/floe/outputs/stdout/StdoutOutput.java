package io.floe.outputs.stdout;

import io.floe.api.Chunk;
import io.floe.api.Output;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.PluginTypes;
import io.floe.api.UnrecoverableException;
import io.floe.api.WriteResult;
import io.floe.api.config.Inline;
import io.floe.codec.text.RubyText;
import io.floe.outputs.format.LineBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.util.Map;

/**
 * Fluentd's out_stdout: one line per event on standard output, by default
 * {@code 2026-11-21 04:41:58.296931505 +0000 tag: {"k":"v"}}, printed as {@link StdoutLines} says.
 */
@Plugin(type = "stdout", desc = "Prints each event to standard output (Fluentd's out_stdout).")
public final class StdoutOutput implements Output {

    public record Config(@Inline(title = StdoutFormat.TITLE) StdoutFormat stdout) {
    }

    private final StdoutLines lines;
    private final OutputStream out;
    private final Object lock = new Object();

    public StdoutOutput(Config config, PluginContext ctx) {
        this(config, System.out, ZoneId.systemDefault(), ctx.plugins());
    }

    StdoutOutput(Config config, OutputStream out, ZoneId localZone) {
        this(config, out, localZone, PluginTypes.classPath());
    }

    private StdoutOutput(Config config, OutputStream out, ZoneId localZone, PluginTypes plugins) {
        this.lines = new StdoutLines(config.stdout(), localZone, plugins);
        this.out = out;
    }

    @Override
    public WriteResult write(Chunk chunk) throws IOException, UnrecoverableException {
        // Format outside the lock so concurrent flushes only contend for the copy to stdout.
        LineBuffer buf = new LineBuffer((int) Math.min(1 << 20, chunk.bytes() * 2 + 64));
        for (Chunk.Tagged t : chunk.streams()) {
            String tag = t.tag();
            try {
                t.events().forEach((sec, nsec, rec, off, len) -> lines.append(tag, sec, nsec, rec, off, len, buf));
            } catch (IOException | RuntimeException e) {
                // Formatting writes to memory only: what fails here is the chunk's bytes, the same on every retry.
                throw new UnrecoverableException("cannot format the events of tag " + RubyText.forLog(tag) + ": " + e, e);
            }
        }
        synchronized (lock) {
            buf.drainTo(out);
            out.flush();
        }
        return WriteResult.ok();
    }

    @Override
    public boolean bufferedByDefault() {
        return false;
    }

    /** Fluentd's out_stdout {@code <buffer>} defaults, used when a buffer is configured. */
    @Override
    public Map<String, String> bufferDefaults() {
        return Map.of("chunk_keys", "tag", "flush_at_shutdown", "true", "chunk_limit_size", "10k");
    }
}
