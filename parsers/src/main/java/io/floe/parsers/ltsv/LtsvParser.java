package io.floe.parsers.ltsv;

import io.floe.api.Plugin;
import io.floe.codec.text.RubyValues;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import io.floe.parsers.ParseConfig;
import io.floe.parsers.ParserBase;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.regex.RubyRegex;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fluentd's parser_ltsv: {@code label:value} fields separated by TAB (or delimiter / delimiter_pattern); a
 * field without the label delimiter is skipped; the value is everything after the first label delimiter.
 */
@Plugin(type = "ltsv", desc = "Parses Labeled Tab-separated Values (label:value fields).")
public final class LtsvParser extends ParserBase {

    /** The parameters of this parser. */
    public record Config(
            @Inline(title = ParseConfig.TITLE) ParseConfig common,
            @Param(desc = "Field separator (default TAB).", dflt = Param.NULL) String delimiter,
            @Param(desc = "A regexp separating the fields, instead of delimiter.", dflt = Param.NULL) String delimiterPattern,
            @Param(desc = "Separator between a label and its value.", dflt = ":") String labelDelimiter) {
    }

    private final String delimiter;
    private final RubyRegex delimiterPattern;
    private final String labelDelimiter;

    public LtsvParser(Config c, ParserEnv env) {
        super(c.common(), env, Defaults.TIME_FIELD);
        this.delimiter = c.delimiter() == null ? "\t" : c.delimiter();
        this.delimiterPattern = c.delimiterPattern() == null ? null : RubyRegex.fromConfig(c.delimiterPattern());
        this.labelDelimiter = c.labelDelimiter();
        if (labelDelimiter.isEmpty()) {
            throw new IllegalArgumentException("label_delimiter must not be empty");
        }
    }

    @Override
    public void parse(String text, Sink sink) {
        List<String> pairs = delimiterPattern != null ? Arrays.asList(delimiterPattern.pattern().split(text))
                : RubyValues.split(text, delimiter, 0);
        Map<String, Object> record = new LinkedHashMap<>(pairs.size() * 2);
        for (String pair : pairs) {
            int at = pair.indexOf(labelDelimiter);
            if (at >= 0) {
                record.put(pair.substring(0, at), pair.substring(at + labelDelimiter.length()));
            }
        }
        emit(record, sink);
    }
}
