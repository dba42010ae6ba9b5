package io.floe.outputs.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The line of csv and tsv: the values of the named fields, each written by the format's own rule, between delimiters. */
final class DelimitedLine {

    /** How a format writes one value ({@code null}: the record lacks the field, or it is nil). */
    @FunctionalInterface
    interface Cell {
        void append(String value, StringBuilder line);
    }

    private final List<String> fields;
    private final String delimiter;
    private final String newline;
    private final Cell cell;

    DelimitedLine(List<String> fields, String delimiter, String newline, Cell cell) {
        this.fields = List.copyOf(fields);
        this.delimiter = delimiter;
        this.newline = newline;
        this.cell = cell;
    }

    void write(byte[] rec, int off, int len, OutputStream out) throws IOException {
        String[] values = Fields.pick(rec, off, len, fields);
        StringBuilder line = new StringBuilder(len + 16);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(delimiter);
            }
            cell.append(values[i], line);
        }
        line.append(newline);
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
    }
}
