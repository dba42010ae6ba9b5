package io.floe.parsers.csv;

import io.floe.api.Plugin;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import io.floe.parsers.Columns;
import io.floe.parsers.ParseConfig;
import io.floe.parsers.ParserBase;
import io.floe.parsers.ParserEnv;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fluentd's parser_csv. The normal engine reads one row as Ruby's {@code CSV.parse_line} does: double-quoted
 * fields with {@code ""} for a quote, an empty unquoted field is null and an empty quoted one {@code ""},
 * malformed quoting is an error, and missing columns are null. {@code parser_engine fast} is Fluentd's
 * split-based reader (only the columns present, no error on odd quoting).
 */
@Plugin(type = "csv", desc = "Parses a line of comma-separated values into the fields named by keys.")
public final class CsvParser extends ParserBase {

    /** The parameters of this parser. */
    public record Config(
            @Inline(title = ParseConfig.TITLE) ParseConfig common,
            @Param(desc = "The field names, in column order (required).", dflt = Param.NULL) List<String> keys,
            @Param(desc = "Column separator (default ',').", dflt = Param.NULL) String delimiter,
            @Param(desc = "normal (RFC 4180 quoting) or fast (Fluentd's split-based parser).", aliases = "parser_type",
                    dflt = Param.NULL) String parserEngine) {
    }

    private final Columns columns;
    private final String delimiter;
    private final boolean fast;

    public CsvParser(Config c, ParserEnv env) {
        super(c.common(), env, Defaults.PLAIN);
        this.columns = new Columns(c.keys(), "csv");
        this.delimiter = c.delimiter() == null ? "," : c.delimiter();
        if (delimiter.isEmpty()) {
            throw new IllegalArgumentException("csv delimiter must not be empty");
        }
        String engine = c.parserEngine() != null ? c.parserEngine() : "normal";
        if (!engine.equals("normal") && !engine.equals("fast")) {
            throw new IllegalArgumentException("valid options are normal,fast but got " + engine + " for parser_engine");
        }
        this.fast = engine.equals("fast");
    }

    @Override
    public void parse(String text, Sink sink) {
        if (fast) {
            emit(fast(text), sink);
            return;
        }
        List<String> values = row(text);
        if (values == null) {
            sink.accept(null, null);
            return;
        }
        emit(columns.record(values), sink);
    }

    /** The first row of the text, or null for an empty text (CSV.parse_line returns nil). */
    private List<String> row(String text) {
        if (text.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>(columns.size());
        int p = 0;
        int n = text.length();
        while (true) {
            if (p < n && text.charAt(p) == '"') {
                StringBuilder b = new StringBuilder();
                int i = p + 1;
                while (true) {
                    int q = text.indexOf('"', i);
                    if (q < 0) {
                        throw new IllegalArgumentException("Unclosed quoted field in line 1.");
                    }
                    b.append(text, i, q);
                    if (q + 1 < n && text.charAt(q + 1) == '"') {
                        b.append('"');
                        i = q + 2;
                    } else {
                        p = q + 1;
                        break;
                    }
                }
                out.add(b.toString());
                if (p == n || isRowEnd(text, p)) {
                    return out;
                }
                if (!text.startsWith(delimiter, p)) {
                    throw new IllegalArgumentException("Any value after quoted field isn't allowed in line 1.");
                }
                p += delimiter.length();
            } else {
                int end = p;
                while (end < n && !text.startsWith(delimiter, end) && !isRowEnd(text, end)) {
                    end++;
                }
                String field = text.substring(p, end);
                if (field.indexOf('"') >= 0) {
                    throw new IllegalArgumentException("Illegal quoting in line 1.");
                }
                out.add(field.isEmpty() ? null : field);
                if (end == n || isRowEnd(text, end)) {
                    return out;
                }
                p = end + delimiter.length();
            }
        }
    }

    private static boolean isRowEnd(String text, int p) {
        char c = text.charAt(p);
        return c == '\n' || c == '\r';
    }

    /** Fluentd's fast engine: only the columns present, split on the delimiter, with no error on odd quoting. */
    private Map<String, Object> fast(String text) {
        Map<String, Object> record = columns.newRecord();
        String line = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") || text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        if (line.isEmpty()) {
            return record;
        }
        String[] cells = line.split(java.util.regex.Pattern.quote(delimiter), -1);
        int i = 0;
        for (int j = 0; j < cells.length; j++, i++) {
            String column = cells[j];
            int quotes = count(column);
            boolean wrapped = column.length() >= 2 && column.startsWith("\"") && column.endsWith("\"");
            if (quotes == 0) {
                column = column.isEmpty() ? null : column;
            } else if (quotes == 1 && column.startsWith("\"")) {
                StringBuilder merged = new StringBuilder(column);
                while (++j < cells.length) {
                    merged.append(delimiter).append(cells[j]);
                    if (cells[j].endsWith("\"")) {
                        break;
                    }
                }
                column = merged.length() >= 2 ? merged.substring(1, merged.length() - 1) : "";
            } else if (quotes == 2 && wrapped) {
                column = column.substring(1, column.length() - 1);
            } else if (quotes > 2) {
                column = (wrapped ? column.substring(1, column.length() - 1) : column).replace("\"\"", "\"");
            }
            if (i < columns.size()) {
                record.put(columns.key(i), column);
            }
        }
        return record;
    }

    private static int count(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '"') {
                n++;
            }
        }
        return n;
    }
}
