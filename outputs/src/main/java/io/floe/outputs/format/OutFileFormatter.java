package io.floe.outputs.format;

import io.floe.api.Plugin;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Fluentd's {@code out_file} formatter: {@code time<TAB>tag<TAB>json}. */
@Plugin(type = "out_file", desc = "Prints time, tag and the record as JSON, separated by TAB (out_file's format).")
public final class OutFileFormatter implements Formatter {

    /** The parameters of this formatter. */
    public record Config(
            @Inline(title = FormatConfig.TITLE) FormatConfig common,
            @Param(desc = "Field separator: TAB unless the value contains SPACE or COMMA (the words).", dflt = Param.NULL)
            String delimiter,
            @Param(desc = "Print the tag.", dflt = "true") boolean outputTag,
            @Param(desc = "Print the time.", dflt = "true") boolean outputTime,
            @Param(desc = "The newline written: lf or crlf.", dflt = "lf") FormatConfig.Newline newline) {
    }

    private final TimeFormat time;
    private final boolean outputTime;
    private final boolean outputTag;
    private final int delimiter;
    private final byte[] newline;

    public OutFileFormatter(Config c, FormatterEnv env) {
        this.time = env.time(c.common());
        this.outputTime = c.outputTime();
        this.outputTag = c.outputTag();
        this.delimiter = delimiter(c.delimiter());
        this.newline = c.newline().bytes();
    }

    /** Fluentd matches the words anywhere in the value and falls back to TAB for anything else. */
    static int delimiter(String v) {
        if (v == null) {
            return '\t';
        }
        String u = v.toUpperCase(Locale.ROOT);
        if (u.contains("SPACE")) {
            return ' ';
        }
        if (u.contains("COMMA")) {
            return ',';
        }
        return '\t';
    }

    @Override
    public void format(String tag, long sec, int nsec, byte[] rec, int off, int len, OutputStream out) throws IOException {
        if (outputTime) {
            out.write(time.format(sec, nsec).getBytes(StandardCharsets.UTF_8));
            out.write(delimiter);
        }
        if (outputTag) {
            out.write(tag.getBytes(StandardCharsets.UTF_8));
            out.write(delimiter);
        }
        Json.write(rec, off, len, out);
        out.write(newline);
    }
}
