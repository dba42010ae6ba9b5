package io.floe.parsers.tsv;

import io.floe.api.Plugin;
import io.floe.codec.text.RubyValues;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import io.floe.parsers.ParseConfig;
import io.floe.parsers.ParserBase;
import io.floe.parsers.ParserEnv;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private final String[] keys;
    private final String delimiter;

    public TsvParser(Config c, ParserEnv env) {
        super(c.common(), env, Defaults.PLAIN);
        if (c.keys() == null || c.keys().isEmpty()) {
            throw new IllegalArgumentException("'keys' parameter is required for <parse> @type tsv");
        }
        this.keys = c.keys().toArray(new String[0]);
        this.delimiter = c.delimiter() == null ? "\t" : c.delimiter();
    }

    @Override
    public void parse(String text, Sink sink) {
        List<String> values = RubyValues.split(text, delimiter, keys.length);
        Map<String, Object> record = new LinkedHashMap<>(keys.length * 2);
        for (int i = 0; i < keys.length; i++) {
            record.put(keys[i], i < values.size() ? values.get(i) : null);
        }
        emit(record, sink);
    }
}
