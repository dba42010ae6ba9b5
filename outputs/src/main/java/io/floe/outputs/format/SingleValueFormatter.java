package io.floe.outputs.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Fluentd's {@code single_value} formatter: one field's value, nothing else (empty when absent). */
final class SingleValueFormatter implements Formatter {
    private final List<String> key;
    private final byte[] newline;

    SingleValueFormatter(FormatConfig c) {
        this.key = List.of(c.messageKey());
        this.newline = c.addNewline() ? c.newlineBytes() : new byte[0];
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
