package io.floe.filters.record_transformer;

import io.floe.codec.event.EventTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * A {@code <record>} value compiled once into a small program: literal text and placeholders, or a JSON
 * map/array of such values. Placeholders are Fluentd's ({@code ${tag}}, {@code ${tag_parts[N]}},
 * {@code ${tag_prefix[N]}}, {@code ${tag_suffix[N]}}, {@code ${hostname}}, {@code ${time}},
 * {@code ${record["key"]}}) plus nested record access ({@code ${record["a"]["b"]}}, {@code ['a']}, {@code [0]})
 * that Fluentd only offers with enable_ruby. Anything else in {@code ${...}}, and {@code __UPPER_CASE__}
 * words, are unknown placeholders, which Fluentd replaces by nothing: so does Floe, warning at start-up.
 * {@link TemplateCompiler} compiles them.
 */
@FunctionalInterface
interface Template {
    /** What a placeholder reads from. */
    final class Context {
        private static final DateTimeFormatter RUBY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx");

        TagParts tag;
        Map<String, Object> record;
        EventTime time;
        String hostname;
        ZoneId zone;
        private String timeText;

        /** Ruby's {@code Time.at(time).to_s}, in local time; made only when a template asks. */
        String timeText() {
            if (timeText == null) {
                timeText = RUBY_TIME.format(time.toInstant().atZone(zone));
            }
            return timeText;
        }
    }

    Object eval(Context c);
}
