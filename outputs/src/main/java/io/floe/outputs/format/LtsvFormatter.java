package io.floe.outputs.format;

import io.floe.codec.text.RubyText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Fluentd's {@code ltsv} formatter: {@code label:value} pairs; the delimiter inside a value is replaced. */
final class LtsvFormatter implements Formatter {
    private final String delimiter;
    private final String labelDelimiter;
    private final String replacement;
    private final String newline;

    LtsvFormatter(FormatConfig c) {
        this.delimiter = c.delimiter() == null ? "\t" : c.delimiter();
        this.labelDelimiter = c.labelDelimiter();
        this.replacement = c.replacement();
        this.newline = c.addNewline() ? new String(c.newlineBytes(), StandardCharsets.US_ASCII) : "";
    }

    @Override
    public void format(String tag, long sec, int nsec, byte[] rec, int off, int len, OutputStream out) throws IOException {
        StringBuilder line = new StringBuilder(len + 16);
        StringBuilder value = new StringBuilder();
        Fields.each(rec, off, len, (key, u) -> {
            if (line.length() > 0) {
                line.append(delimiter);
            }
            value.setLength(0);
            RubyText.toS(u, value);
            line.append(key).append(labelDelimiter).append(value.toString().replace(delimiter, replacement));
        });
        line.append(newline);
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
    }
}
