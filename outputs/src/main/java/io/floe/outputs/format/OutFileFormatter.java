package io.floe.outputs.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Fluentd's {@code out_file} formatter: {@code time<TAB>tag<TAB>json}. */
final class OutFileFormatter implements Formatter {
    private final TimeFormat time;
    private final boolean outputTime;
    private final boolean outputTag;
    private final int delimiter;
    private final byte[] newline;

    OutFileFormatter(FormatConfig c, TimeFormat time) {
        this.time = time;
        this.outputTime = c.outputTime();
        this.outputTag = c.outputTag();
        this.delimiter = delimiter(c.delimiter());
        this.newline = c.newlineBytes();
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
