package io.floe.outputs.format;

import io.floe.api.Plugin;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import java.io.IOException;
import java.io.OutputStream;

/** Fluentd's {@code json} formatter: the record alone, one JSON object a line. */
@Plugin(type = "json", desc = "Prints the record as one JSON object.")
public final class JsonFormatter implements Formatter {

    /** The parameters of this formatter. */
    public record Config(
            @Inline(title = FormatConfig.TITLE) FormatConfig common,
            @Inline(title = LineEnd.TITLE) LineEnd lineEnd,
            @Param(desc = "Fluentd's choice of Ruby JSON library; accepted for compatibility, output is the same.",
                    dflt = "oj") String jsonParser) {
    }

    private final byte[] newline;

    public JsonFormatter(Config c, FormatterEnv env) {
        this.newline = c.lineEnd().bytes();
    }

    @Override
    public void format(String tag, long sec, int nsec, byte[] rec, int off, int len, OutputStream out) throws IOException {
        Json.write(rec, off, len, out);
        out.write(newline);
    }
}
