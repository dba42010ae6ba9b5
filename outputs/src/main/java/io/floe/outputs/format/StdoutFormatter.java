package io.floe.outputs.format;

import io.floe.codec.time.Strftime;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/**
 * Fluentd's {@code stdout} formatter: {@code <time> <tag>: <record>}, the record printed by the
 * {@code output_type} formatter with its newline chomped. Fluentd always prints this time in local time
 * (it ignores utc and timezone here), with {@code time_format} honoured when given.
 */
final class StdoutFormatter implements Formatter {
    static final String TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%N %z";

    private final Strftime time;
    private final ZoneId zone;
    private final Formatter record;
    private final boolean json;

    StdoutFormatter(FormatConfig c, Formatter record, ZoneId localZone) {
        this.time = Strftime.compile(c.timeFormat() != null ? c.timeFormat() : TIME_FORMAT);
        this.zone = localZone;
        this.record = record;
        this.json = record instanceof JsonFormatter;
    }

    @Override
    public void format(String tag, long sec, int nsec, byte[] rec, int off, int len, OutputStream out) throws IOException {
        StringBuilder head = new StringBuilder(48 + tag.length());
        time.formatTo(head, sec, nsec, zone);
        head.append(' ').append(tag).append(": ");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (json) {
            // Compact JSON never ends in a line break, so there is nothing to chomp.
            Json.write(rec, off, len, out);
        } else {
            LineBuffer inner = new LineBuffer(len + 16);
            record.format(tag, sec, nsec, rec, off, len, inner);
            inner.chomp(0);
            inner.drainTo(out);
        }
        out.write('\n');
    }
}
