package io.floe.outputs.format;

import io.floe.api.Plugin;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Fluentd's {@code csv} formatter, which is Ruby's CSV writer: with force_quotes every field is quoted
 * (nil too); without, a field is quoted only when it holds the separator, a quote or a line break, or
 * is an empty string, and nil stays empty.
 */
@Plugin(type = "csv", desc = "Prints the values of the given fields as a CSV line.")
public final class CsvFormatter implements Formatter {

    /** The parameters of this formatter. */
    public record Config(
            @Inline(title = FormatConfig.TITLE) FormatConfig common,
            @Inline(title = LineEnd.TITLE) LineEnd lineEnd,
            @Param(desc = "The record fields to print, in order (required).", dflt = Param.NULL) List<String> fields,
            @Param(desc = "Field separator: default ',', TAB or \\t for a tab.", dflt = Param.NULL) String delimiter,
            @Param(desc = "Quote every field.", dflt = "true") boolean forceQuotes) {

        public Config {
            if (fields == null || fields.stream().allMatch(String::isEmpty)) {
                throw new IllegalArgumentException("'fields' parameter is required for @type csv");
            }
        }
    }

    private final String delimiter;
    private final boolean forceQuotes;
    private final DelimitedLine line;

    public CsvFormatter(Config c, FormatterEnv env) {
        this.delimiter = delimiter(c.delimiter());
        this.forceQuotes = c.forceQuotes();
        this.line = new DelimitedLine(c.fields().stream().filter(f -> !f.isEmpty()).toList(), delimiter, c.lineEnd().text(),
                this::field);
    }

    /** Fluentd turns the two characters {@code \t} and the word TAB into a tab; any other text is used as is. */
    static String delimiter(String v) {
        if (v == null) {
            return ",";
        }
        return v.equals("\\t") || v.equals("TAB") ? "\t" : v;
    }

    @Override
    public void format(String tag, long sec, int nsec, byte[] rec, int off, int len, OutputStream out) throws IOException {
        line.write(rec, off, len, out);
    }

    private void field(String v, StringBuilder out) {
        if (v == null && !forceQuotes) {
            return;
        }
        String s = v == null ? "" : v;
        boolean quote = forceQuotes || s.isEmpty() || s.contains(delimiter) || s.indexOf('"') >= 0
                || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        if (!quote) {
            out.append(s);
            return;
        }
        out.append('"').append(s.replace("\"", "\"\"")).append('"');
    }
}
