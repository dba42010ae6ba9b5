package io.floe.filters.stdout;

import io.floe.api.Filter;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.config.Inline;
import io.floe.codec.event.Event;
import io.floe.codec.event.Records;
import io.floe.filters.ErrorEvents;
import io.floe.outputs.format.LineBuffer;
import io.floe.outputs.stdout.StdoutFormat;
import io.floe.outputs.stdout.StdoutLines;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;

/**
 * Fluentd's filter_stdout: prints each event, by default as
 * {@code 2026-11-21 04:41:58.296931505 +0000 tag: {"k":"v"}}, and passes it on unchanged. Prints as out_stdout
 * does ({@link StdoutLines}); each line is written and flushed whole, so lines of concurrent streams do not mix.
 */
@Plugin(type = "stdout", desc = "Prints each event to standard output and passes it on (debugging).")
public final class StdoutFilter implements Filter {

    public record Config(@Inline(title = StdoutFormat.TITLE) StdoutFormat stdout) {
    }

    private final StdoutLines lines;
    private final OutputStream out;
    private final PluginContext ctx;

    public StdoutFilter(Config config, PluginContext ctx) {
        this(config, ctx, System.out, ZoneId.systemDefault());
    }

    StdoutFilter(Config config, PluginContext ctx, OutputStream out, ZoneId localZone) {
        this.lines = new StdoutLines(config.stdout(), localZone, ctx.plugins());
        this.out = out;
        this.ctx = ctx;
    }

    @Override
    public boolean filter(String tag, Event event) {
        try {
            byte[] rec = Records.encode(event.record());
            LineBuffer line = new LineBuffer(rec.length * 2 + 64);
            lines.append(tag, event.time().seconds(), event.time().nanos(), rec, 0, rec.length, line);
            synchronized (out) {
                line.drainTo(out);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // Fluentd reports the event to @ERROR but still passes the stream on.
            ErrorEvents.emit(ctx, tag, event, e.toString());
        }
        return true;
    }
}
