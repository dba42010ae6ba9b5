package io.floe.outputs.stdout;

import io.floe.api.PluginTypes;
import io.floe.outputs.format.FormatConfig;
import io.floe.outputs.format.Formatter;
import io.floe.outputs.format.Formatters;
import io.floe.outputs.format.LineBuffer;
import java.io.IOException;
import java.time.ZoneId;

/**
 * How out_stdout and filter_stdout print an event, by their {@link StdoutFormat}: the {@code <format>} formatter,
 * {@code @type stdout} by default, whatever it writes chomped and ended with exactly one {@code \n}, as Fluentd does.
 */
public final class StdoutLines {
    private final Formatter formatter;

    public StdoutLines(StdoutFormat config, ZoneId localZone, PluginTypes plugins) {
        this.formatter = Formatters.create(config.format(), "stdout",
                new FormatConfig.Legacy(config.legacyFormat(), null, null, null, null, config.outputType()), localZone, plugins);
    }

    /** Appends the event's line to {@code line}. */
    public void append(String tag, long sec, int nsec, byte[] rec, int off, int len, LineBuffer line) throws IOException {
        int start = line.size();
        formatter.format(tag, sec, nsec, rec, off, len, line);
        line.chomp(start);
        line.write('\n');
    }
}
