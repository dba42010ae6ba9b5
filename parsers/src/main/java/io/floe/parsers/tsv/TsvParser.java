package io.floe.parsers.tsv;

import io.floe.api.Plugin;
import io.floe.codec.text.RubyValues;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import io.floe.parsers.Columns;
import io.floe.parsers.ParseConfig;
import io.floe.parsers.ParserBase;
import io.floe.parsers.ParserEnv;
import java.util.List;

/**
 * Fluentd's parser_tsv: splits on the delimiter into at most as many fields as there are keys (the last
 * takes the rest of the line); missing fields are null. No quoting.
 */
@Plugin(type = "tsv", desc = "Parses a line of tab-separated values into the fields named by keys.")
public final class TsvParser extends ParserBase {

    /** The parameters of this parser. */
    public record Config(
            @Inline(title = ParseConfig.TITLE) ParseConfig common,
            @Param(desc = "The field names, in column order (required).", dflt = Param.NULL) List<String> keys,
            @Param(desc = "Field separator (default TAB).", dflt = Param.NULL) String delimiter) {
    }

    private final Columns columns;
    private final String delimiter;

    public TsvParser(Config c, ParserEnv env) {
        super(c.common(), env, Defaults.PLAIN);
        this.columns = new Columns(c.keys(), "tsv");
        this.delimiter = c.delimiter() == null ? "\t" : c.delimiter();
    }

    @Override
    public void parse(String text, Sink sink) {
        emit(columns.record(RubyValues.split(text, delimiter, columns.size())), sink);
    }
}
