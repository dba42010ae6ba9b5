package io.floe.parsers.multi_format;

import io.floe.api.Plugin;
import io.floe.codec.event.EventTime;
import io.floe.parsers.ParseConfig;
import io.floe.parsers.Parser;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.Parsers;
import io.floe.parsers.PatternConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * fluent-plugin-multi-format-parser: tries each {@code <pattern>} in order and takes the first event one of
 * them gives with both a time and a record; a pattern that fails or throws is skipped. When none parses,
 * the text does not match.
 *
 * <pre>
 * &lt;parse&gt;
 *   &#64;type multi_format
 *   &lt;pattern&gt;
 *     format json
 *     time_key timestamp
 *   &lt;/pattern&gt;
 *   &lt;pattern&gt;
 *     format none
 *   &lt;/pattern&gt;
 * &lt;/parse&gt;
 * </pre>
 */
@Plugin(type = "multi_format", desc = "Tries several parsers (<pattern> sections) in order; the first that parses wins.")
public final class MultiFormatParser implements Parser {
    private final List<Parser> parsers;

    public MultiFormatParser(ParseConfig c, ParserEnv env) {
        if (c.patterns().isEmpty()) {
            throw new IllegalArgumentException("multi_format needs at least one <pattern> section with a format");
        }
        List<Parser> list = new ArrayList<>();
        for (PatternConfig p : c.patterns()) {
            if (p.format() == null) {
                throw new IllegalArgumentException("'format' parameter is required in <pattern> of multi_format");
            }
            list.add(Parsers.create(p, env));
        }
        this.parsers = List.copyOf(list);
    }

    @Override
    public void parse(String text, Sink sink) {
        for (Parser p : parsers) {
            First first = new First();
            try {
                p.parse(text, first);
            } catch (RuntimeException e) {
                continue; // the plugin ignores a parser's error and tries the next
            }
            if (first.record != null) {
                sink.accept(first.time, first.record);
                return;
            }
        }
        sink.accept(null, null);
    }

    /** Keeps the first event that has both a time and a record. */
    private static final class First implements Sink {
        EventTime time;
        Map<String, Object> record;

        @Override
        public void accept(EventTime t, Map<String, Object> r) {
            if (record == null && t != null && r != null) {
                time = t;
                record = r;
            }
        }
    }
}
