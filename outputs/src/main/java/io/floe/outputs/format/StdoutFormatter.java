package io.floe.outputs.format;

import io.floe.codec.time.Strftime;
import io.floe.api.Plugin;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import io.floe.conf.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/**
 * Fluentd's {@code stdout} formatter: {@code <time> <tag>: <record>}, the record printed by the
 * {@code output_type} formatter with its newline chomped. Fluentd always prints this time in local time
 * (it ignores utc and timezone here), with {@code time_format} honoured when given.
 */
@Plugin(type = "stdout", desc = "Prints '<time> <tag>: <record>', the record by the output_type formatter (out_stdout's format).")
public final class StdoutFormatter implements Formatter {

    /** The parameters of this formatter. */
    public record Config(
            @Inline(title = FormatConfig.TITLE) FormatConfig common,
            @Param(desc = "The formatter type of the record part (json or hash, or any other type); default json.",
                    dflt = Param.NULL) String outputType) {
    }

    static final String TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%N %z";

    private final Strftime time;
    private final ZoneId zone;
    private final Formatter record;
    private final boolean json;

    public StdoutFormatter(Config c, FormatterEnv env) {
        String timeFormat = env.common(c.common()).timeFormat();
        this.time = Strftime.compile(timeFormat != null ? timeFormat : TIME_FORMAT);
        this.zone = env.localZone();
        this.record = Formatters.create(recordType(c, env), env);
        this.json = record instanceof JsonFormatter;
    }

    /** output_type: the section's, else the output's own parameter, else json; never stdout itself. */
    private static String recordType(Config c, FormatterEnv env) {
        String type = c.outputType() != null ? c.outputType() : env.legacy().outputType() != null ? env.legacy().outputType() : "json";
        if ("stdout".equals(type) || env.plugins().find(Formatter.class, type) == null) {
            String message = "unknown output_type '" + type + "'";
            if (c.outputType() != null) {
                throw new ConfigException(env.section().location(), "<" + env.section().name() + ">: " + message);
            }
            throw new IllegalArgumentException(message);
        }
        return type;
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
