package io.floe.parsers.multi_format;

import io.floe.api.Plugin;
import io.floe.api.config.Inline;
import io.floe.api.config.Section;
import io.floe.conf.ConfigElement;
import io.floe.codec.event.EventTime;
import io.floe.parsers.ParseConfig;
import io.floe.parsers.Parser;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.Parsers;
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

    /**
     * The patterns; each {@code <pattern>} is the section of the parser its {@code format} (or {@code @type})
     * names, bound to that parser's own {@code Config}.
     */
    public record Config(
            @Inline(title = ParseConfig.TITLE) ParseConfig common,
            @Section(name = "pattern", kind = "parser", desc = "The formats tried in order; the first that parses wins. "
                    + "Each names its parser with format (or @type); a /regexp/ is the regexp parser with that expression.")
            List<ConfigElement> patterns) {
    }

    public MultiFormatParser(Config c, ParserEnv env) {
        if (c.patterns().isEmpty()) {
            throw new IllegalArgumentException("multi_format needs at least one <pattern> section with a format");
        }
        List<Parser> list = new ArrayList<>();
        for (ConfigElement p : c.patterns()) {
            String format = Parsers.patternType(p);
            if (format == null) {
                throw new IllegalArgumentException("'format' parameter is required in <pattern> of multi_format");
            }
            list.add(Parsers.create(format, p, env));
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
