package io.floe.outputs.format;

import io.floe.api.Plugin;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Fluentd's {@code tsv} formatter: the values of {@code keys}, joined by the delimiter. */
@Plugin(type = "tsv", desc = "Prints the values of the given fields, tab-separated.")
public final class TsvFormatter implements Formatter {

    /** The parameters of this formatter. */
    public record Config(
            @Inline(title = FormatConfig.TITLE) FormatConfig common,
            @Inline(title = LineEnd.TITLE) LineEnd lineEnd,
            @Param(desc = "The record fields to print, in order (required).", dflt = Param.NULL) List<String> keys,
            @Param(desc = "Field separator (default TAB).", dflt = Param.NULL) String delimiter) {

        public Config {
            if (keys == null || keys.isEmpty()) {
                throw new IllegalArgumentException("'keys' parameter is required for @type tsv");
            }
        }
    }

    private final DelimitedLine line;

    public TsvFormatter(Config c, FormatterEnv env) {
        this.line = new DelimitedLine(c.keys(), c.delimiter() == null ? "\t" : c.delimiter(), c.lineEnd().text(), (value, out) -> {
            if (value != null) {
                out.append(value);
            }
        });
    }

    @Override
    public void format(String tag, long sec, int nsec, byte[] rec, int off, int len, OutputStream out) throws IOException {
        line.write(rec, off, len, out);
    }
}
