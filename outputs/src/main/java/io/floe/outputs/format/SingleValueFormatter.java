package io.floe.outputs.format;

import io.floe.api.Plugin;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Fluentd's {@code single_value} formatter: one field's value, nothing else (empty when absent). */
@Plugin(type = "single_value", desc = "Prints the value of one field and nothing else.")
public final class SingleValueFormatter implements Formatter {

    /** The parameters of this formatter. */
    public record Config(
            @Inline(title = FormatConfig.TITLE) FormatConfig common,
            @Inline(title = LineEnd.TITLE) LineEnd lineEnd,
            @Param(desc = "The record field to print.", dflt = "message") String messageKey) {
    }

    private final List<String> key;
    private final byte[] newline;

    public SingleValueFormatter(Config c, FormatterEnv env) {
        this.key = List.of(c.messageKey());
        this.newline = c.lineEnd().bytes();
    }

    @Override
    public void format(String tag, long sec, int nsec, byte[] rec, int off, int len, OutputStream out) throws IOException {
        String v = Fields.pick(rec, off, len, key)[0];
        if (v != null) {
            out.write(v.getBytes(StandardCharsets.UTF_8));
        }
        out.write(newline);
    }
}
