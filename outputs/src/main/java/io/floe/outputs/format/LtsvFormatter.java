package io.floe.outputs.format;

import io.floe.codec.text.RubyText;
import io.floe.api.Plugin;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Fluentd's {@code ltsv} formatter: {@code label:value} pairs; the delimiter inside a value is replaced. */
@Plugin(type = "ltsv", desc = "Prints the record as Labeled Tab-separated Values.")
public final class LtsvFormatter implements Formatter {

    /** The parameters of this formatter. */
    public record Config(
            @Inline(title = FormatConfig.TITLE) FormatConfig common,
            @Inline(title = LineEnd.TITLE) LineEnd lineEnd,
            @Param(desc = "Field separator (default TAB).", dflt = Param.NULL) String delimiter,
            @Param(desc = "Separator between a label and its value.", dflt = ":") String labelDelimiter,
            @Param(desc = "What replaces the delimiter inside a value.", dflt = " ") String replacement) {
    }

    private final String delimiter;
    private final String labelDelimiter;
    private final String replacement;
    private final String newline;

    public LtsvFormatter(Config c, FormatterEnv env) {
        this.delimiter = c.delimiter() == null ? "\t" : c.delimiter();
        this.labelDelimiter = c.labelDelimiter();
        this.replacement = c.replacement();
        this.newline = c.lineEnd().text();
    }

    @Override
    public void format(String tag, long sec, int nsec, byte[] rec, int off, int len, OutputStream out) throws IOException {
        StringBuilder line = new StringBuilder(len + 16);
        StringBuilder value = new StringBuilder();
        Fields.each(rec, off, len, (key, c) -> {
            if (line.length() > 0) {
                line.append(delimiter);
            }
            value.setLength(0);
            RubyText.toS(c, value);
            line.append(key).append(labelDelimiter).append(value.toString().replace(delimiter, replacement));
        });
        line.append(newline);
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
    }
}
