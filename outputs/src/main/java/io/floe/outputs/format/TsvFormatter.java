package io.floe.outputs.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Fluentd's {@code tsv} formatter: the values of {@code keys}, joined by the delimiter. */
final class TsvFormatter implements Formatter {
    private final List<String> keys;
    private final String delimiter;
    private final String newline;

    TsvFormatter(FormatConfig c) {
        this.keys = List.copyOf(c.keys());
        this.delimiter = c.delimiter() == null ? "\t" : c.delimiter();
        this.newline = c.addNewline() ? new String(c.newlineBytes(), StandardCharsets.US_ASCII) : "";
    }

    @Override
    public void format(String tag, long sec, int nsec, byte[] rec, int off, int len, OutputStream out) throws IOException {
        String[] values = Fields.pick(rec, off, len, keys);
        StringBuilder line = new StringBuilder(len + 8);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(delimiter);
            }
            if (values[i] != null) {
                line.append(values[i]);
            }
        }
        line.append(newline);
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
    }
}
