package io.floe.filters.stdout;

import io.floe.api.Filter;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.codec.event.Event;
import io.floe.codec.event.Records;
import io.floe.filters.ErrorEvents;
import io.floe.conf.ConfigElement;
import io.floe.outputs.format.FormatConfig;
import io.floe.outputs.format.Formatter;
import io.floe.outputs.format.Formatters;
import io.floe.outputs.format.LineBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;

/**
 * Fluentd's filter_stdout: prints each event, by default as
 * {@code 2026-11-21 04:41:58.296931505 +0000 tag: {"k":"v"}}, and passes it on unchanged. Uses the same
 * formatters as out_stdout; each line is written and flushed whole, so lines of concurrent streams do not mix.
 */
@Plugin(type = "stdout", desc = "Prints each event to standard output and passes it on (debugging).")
public final class StdoutFilter implements Filter {

    public record Config(
            @Param(desc = "How the record part of the stdout format is printed: json or hash (or any formatter type). "
                    + "Applies when <format> does not set output_type.", dflt = "json") String outputType,
            @Param(name = "format", desc = "v0.12 style formatter @type, used when there is no <format> @type.",
                    dflt = Param.NULL) String legacyFormat,
            @Section(kind = "formatter", desc = "The formatter; default @type stdout.") ConfigElement format) {
    }

    private final Formatter formatter;
    private final OutputStream out;
    private final PluginContext ctx;

    public StdoutFilter(Config config, PluginContext ctx) {
        this(config, ctx, System.out, ZoneId.systemDefault());
    }

    StdoutFilter(Config config, PluginContext ctx, OutputStream out, ZoneId localZone) {
        this.formatter = Formatters.create(config.format(), "stdout",
                new FormatConfig.Legacy(config.legacyFormat(), null, null, null, null, config.outputType()), localZone, ctx.plugins());
        this.out = out;
        this.ctx = ctx;
    }

    @Override
    public boolean filter(String tag, Event event) {
        try {
            byte[] rec = Records.encode(event.record());
            LineBuffer line = new LineBuffer(rec.length * 2 + 64);
            formatter.format(tag, event.time().seconds(), event.time().nanos(), rec, 0, rec.length, line);
            line.chomp(0);
            line.write('\n');
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
