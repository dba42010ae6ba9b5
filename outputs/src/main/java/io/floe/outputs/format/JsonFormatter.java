package io.floe.outputs.format;

import java.io.IOException;
import java.io.OutputStream;

/** Fluentd's {@code json} formatter: the record alone, one JSON object a line. */
final class JsonFormatter implements Formatter {
    private final byte[] newline;

    JsonFormatter(FormatConfig c) {
        this.newline = c.addNewline() ? c.newlineBytes() : new byte[0];
    }

    @Override
    public void format(String tag, long sec, int nsec, byte[] rec, int off, int len, OutputStream out) throws IOException {
        Json.write(rec, off, len, out);
        out.write(newline);
    }
}
