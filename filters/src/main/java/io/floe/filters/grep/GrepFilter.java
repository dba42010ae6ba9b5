package io.floe.filters.grep;

import io.floe.api.Filter;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.codec.event.Event;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fluentd's filter_grep: keeps an event when its fields match every {@code <regexp>} and none of the
 * {@code <exclude>}s; {@code <and>} / {@code <or>} blocks combine conditions the other way. A field is named
 * plainly or with a record accessor ({@code $.kubernetes.labels.app}); its value is matched as Ruby prints it
 * ({@code to_s}: a missing field is the empty string, a map {@code {"a"=>1}}), and the pattern may match
 * anywhere in it. Patterns are Ruby regexps, translated as {@link io.floe.parsers.regex.RubyRegex} describes.
 */
@Plugin(type = "grep", desc = "Keeps or drops events by matching record fields against regular expressions.")
public final class GrepFilter implements Filter {

    /** One {@code <regexp>} or {@code <exclude>}. */
    public record Condition(
            @Param(desc = "The field to match: a name, or a record accessor such as $.kubernetes.labels.app.") String key,
            @Param(desc = "The Ruby regexp, /pattern/ (flags i and m) or bare.") String pattern) {
    }

    /** An {@code <and>} or {@code <or>} block. */
    public record Block(
            @Section(name = "regexp", desc = "Conditions an event must match.") List<Condition> regexps,
            @Section(name = "exclude", desc = "Conditions that drop an event.") List<Condition> excludes) {
    }

    public record Config(
            @Param(desc = "Deprecated flat form 'KEY REGEXP' (keep events whose KEY matches; the regexp is taken as written, without /.../); use <regexp>. Also regexp2 to regexp20.", dflt = Param.NULL,
                    deprecated = "Use <regexp> section") String regexp1,
            @Param(desc = "As regexp1.", dflt = Param.NULL, deprecated = "Use <regexp> section") String regexp2,
            @Param(desc = "As regexp1.", dflt = Param.NULL, deprecated = "Use <regexp> section") String regexp3,
            @Param(desc = "As regexp1.", dflt = Param.NULL, deprecated = "Use <regexp> section") String regexp4,
            @Param(desc = "As regexp1.", dflt = Param.NULL, deprecated = "Use <regexp> section") String regexp5,
            @Param(desc = "As regexp1.", dflt = Param.NULL, deprecated = "Use <regexp> section") String regexp6,
            @Param(desc = "As regexp1.", dflt = Param.NULL, deprecated = "Use <regexp> section") String regexp7,
            @Param(desc = "As regexp1.", dflt = Param.NULL, deprecated = "Use <regexp> section") String regexp8,
            @Param(desc = "As regexp1.", dflt = Param.NULL, deprecated = "Use <regexp> section") String regexp9,
            @Param(desc = "As regexp1.", dflt = Param.NULL, deprecated = "Use <regexp> section") String regexp10,
            @Param(desc = "As regexp1.", dflt = Param.NULL, deprecated = "Use <regexp> section") String regexp11,
            @Param(desc = "As regexp1.", dflt = Param.NULL, deprecated = "Use <regexp> section") String regexp12,
            @Param(desc = "As regexp1.", dflt = Param.NULL, deprecated = "Use <regexp> section") String regexp13,
            @Param(desc = "As regexp1.", dflt = Param.NULL, deprecated = "Use <regexp> section") String regexp14,
            @Param(desc = "As regexp1.", dflt = Param.NULL, deprecated = "Use <regexp> section") String regexp15,
            @Param(desc = "As regexp1.", dflt = Param.NULL, deprecated = "Use <regexp> section") String regexp16,
            @Param(desc = "As regexp1.", dflt = Param.NULL, deprecated = "Use <regexp> section") String regexp17,
            @Param(desc = "As regexp1.", dflt = Param.NULL, deprecated = "Use <regexp> section") String regexp18,
            @Param(desc = "As regexp1.", dflt = Param.NULL, deprecated = "Use <regexp> section") String regexp19,
            @Param(desc = "As regexp1.", dflt = Param.NULL, deprecated = "Use <regexp> section") String regexp20,
            @Param(desc = "Deprecated flat form 'KEY REGEXP' (drop events whose KEY matches); use <exclude>. Also exclude2 to exclude20.", dflt = Param.NULL,
                    deprecated = "Use <exclude> section") String exclude1,
            @Param(desc = "As exclude1.", dflt = Param.NULL, deprecated = "Use <exclude> section") String exclude2,
            @Param(desc = "As exclude1.", dflt = Param.NULL, deprecated = "Use <exclude> section") String exclude3,
            @Param(desc = "As exclude1.", dflt = Param.NULL, deprecated = "Use <exclude> section") String exclude4,
            @Param(desc = "As exclude1.", dflt = Param.NULL, deprecated = "Use <exclude> section") String exclude5,
            @Param(desc = "As exclude1.", dflt = Param.NULL, deprecated = "Use <exclude> section") String exclude6,
            @Param(desc = "As exclude1.", dflt = Param.NULL, deprecated = "Use <exclude> section") String exclude7,
            @Param(desc = "As exclude1.", dflt = Param.NULL, deprecated = "Use <exclude> section") String exclude8,
            @Param(desc = "As exclude1.", dflt = Param.NULL, deprecated = "Use <exclude> section") String exclude9,
            @Param(desc = "As exclude1.", dflt = Param.NULL, deprecated = "Use <exclude> section") String exclude10,
            @Param(desc = "As exclude1.", dflt = Param.NULL, deprecated = "Use <exclude> section") String exclude11,
            @Param(desc = "As exclude1.", dflt = Param.NULL, deprecated = "Use <exclude> section") String exclude12,
            @Param(desc = "As exclude1.", dflt = Param.NULL, deprecated = "Use <exclude> section") String exclude13,
            @Param(desc = "As exclude1.", dflt = Param.NULL, deprecated = "Use <exclude> section") String exclude14,
            @Param(desc = "As exclude1.", dflt = Param.NULL, deprecated = "Use <exclude> section") String exclude15,
            @Param(desc = "As exclude1.", dflt = Param.NULL, deprecated = "Use <exclude> section") String exclude16,
            @Param(desc = "As exclude1.", dflt = Param.NULL, deprecated = "Use <exclude> section") String exclude17,
            @Param(desc = "As exclude1.", dflt = Param.NULL, deprecated = "Use <exclude> section") String exclude18,
            @Param(desc = "As exclude1.", dflt = Param.NULL, deprecated = "Use <exclude> section") String exclude19,
            @Param(desc = "As exclude1.", dflt = Param.NULL, deprecated = "Use <exclude> section") String exclude20,
            @Section(name = "regexp", desc = "Keep only events whose field matches; several are all required (and).")
            List<Condition> regexps,
            @Section(name = "exclude", desc = "Drop events whose field matches; several drop on any (or).")
            List<Condition> excludes,
            @Section(name = "and", desc = "Conditions combined with and: all regexps must match, or an event is dropped when all "
                    + "excludes match.") List<Block> ands,
            @Section(name = "or", desc = "Conditions combined with or: one regexp must match, or an event is dropped when one "
                    + "exclude matches.") List<Block> ors) {

        List<String> legacyRegexps() {
            return Arrays.asList(regexp1, regexp2, regexp3, regexp4, regexp5, regexp6, regexp7, regexp8, regexp9, regexp10, regexp11, regexp12, regexp13, regexp14, regexp15, regexp16, regexp17, regexp18, regexp19, regexp20);
        }

        List<String> legacyExcludes() {
            return Arrays.asList(exclude1, exclude2, exclude3, exclude4, exclude5, exclude6, exclude7, exclude8, exclude9, exclude10, exclude11, exclude12, exclude13, exclude14, exclude15, exclude16, exclude17, exclude18, exclude19, exclude20);
        }
    }

    private final Conditions conditions;
    private final PluginContext ctx;

    public GrepFilter(Config config, PluginContext ctx) {
        this.conditions = Conditions.of(config, ctx.log());
        this.ctx = ctx;
    }

    @Override
    public boolean filter(String tag, Event event) {
        Map<String, Object> record = event.record();
        boolean keep;
        try {
            keep = conditions.keep(record);
        } catch (RuntimeException e) {
            // Fluentd logs and keeps the event when matching fails.
            ctx.log().warn("failed to grep events: error_class={} error=\"{}\"", e.getClass().getName(), e.getMessage());
            keep = true;
        }
        return keep;
    }
}
