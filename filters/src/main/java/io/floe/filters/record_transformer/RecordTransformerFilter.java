package io.floe.filters.record_transformer;

import io.floe.api.Filter;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.codec.event.Event;
import io.floe.codec.event.EventTime;
import io.floe.codec.text.RubyValues;
import io.floe.filters.ErrorEvents;
import io.floe.filters.RecordAccessor;
import io.floe.outputs.inject.LocalHost;
import io.floe.parsers.JsonValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fluentd's filter_record_transformer: adds or overwrites the {@code <record>} fields, whose values may hold
 * placeholders (see {@link Template}); then {@code renew_time_key} and {@code remove_keys}. The templates are
 * compiled at start-up; per event only the placeholders are read. Values are computed from the record as
 * it came in, then merged, so a value can read a field that another value replaces.
 *
 * <p>{@code enable_ruby} is refused: Floe does not run Ruby. The placeholders above, nested record access
 * included, need no Ruby; other expressions need a parser or grep filter, or a Java filter plugin.
 */
@Plugin(type = "record_transformer", desc = "Adds, replaces and removes record fields, with ${tag}, ${record[\"key\"]}-style placeholders.")
public final class RecordTransformerFilter implements Filter {

    public record Config(
            @Param(desc = "Fields to delete at the end (names or record accessors such as $.a.b).", dflt = Param.NULL)
            List<String> removeKeys,
            @Param(desc = "With renew_record: fields of the incoming record to keep.", dflt = Param.NULL) List<String> keepKeys,
            @Param(desc = "Start from an empty record instead of the incoming one.", dflt = "false") boolean renewRecord,
            @Param(desc = "Take the event time from this field of the new record (seconds, may be fractional).", dflt = Param.NULL)
            String renewTimeKey,
            @Param(desc = "Ruby expressions in ${...}: not supported by Floe (a config error).", dflt = "false") boolean enableRuby,
            @Param(desc = "A value that is a single placeholder keeps the type of what it reads (number, map...).", dflt = "true")
            boolean autoTypecast,
            @Section(name = "record", desc = "The fields to set: any number of 'name value' lines; values may be JSON objects or "
                    + "arrays and contain placeholders.") Map<String, String> record) {
    }

    static final String NO_RUBY = "enable_ruby is not supported: Floe does not evaluate Ruby. Without it, record_transformer "
            + "supports ${tag}, ${tag_parts[N]}, ${tag_prefix[N]}, ${tag_suffix[N]} (N may be negative), ${hostname}, ${time}, "
            + "${record[\"key\"]} and nested ${record[\"a\"][\"b\"]} / ${record[\"list\"][0]}: remove enable_ruby if your "
            + "expressions are of these forms. For other logic use a parser or grep filter, or write a Java filter plugin.";

    private final Config config;
    private final PluginContext ctx;
    private final String[] names;
    private final Template[] templates;
    private final String[] keepKeys;
    private final RecordAccessor[] removeKeys;
    private final String hostname;
    private final ZoneId zone;
    private volatile TagParts lastTag = new TagParts("");

    public RecordTransformerFilter(Config config, PluginContext ctx) {
        this(config, ctx, LocalHost.name(), ZoneId.systemDefault());
    }

    RecordTransformerFilter(Config config, PluginContext ctx, String hostname, ZoneId zone) {
        if (config.enableRuby()) {
            throw new IllegalArgumentException(NO_RUBY);
        }
        if (config.keepKeys() != null && !config.renewRecord()) {
            throw new IllegalArgumentException("`renew_record` must be true to use `keep_keys`");
        }
        this.config = config;
        this.ctx = ctx;
        this.hostname = hostname;
        this.zone = zone;
        Map<String, String> fields = config.record() == null ? Map.of() : config.record();
        Set<String> unknown = new TreeSet<>();
        names = fields.keySet().toArray(new String[0]);
        templates = new Template[names.length];
        for (int i = 0; i < names.length; i++) {
            templates[i] = TemplateCompiler.compile(value(fields.get(names[i])), config.autoTypecast(), unknown::add);
        }
        unknown.forEach(p -> ctx.log().warn("unknown placeholder `{}` found; Fluentd and Floe replace it with nothing", p));
        keepKeys = config.keepKeys() == null ? new String[0] : config.keepKeys().toArray(new String[0]);
        List<RecordAccessor> remove = new ArrayList<>();
        if (config.removeKeys() != null) {
            config.removeKeys().forEach(k -> remove.add(RecordAccessor.of(k)));
        }
        removeKeys = remove.toArray(new RecordAccessor[0]);
    }

    /** Fluentd's {@code parse_value}: a value starting with { or [ is JSON when it parses, else text. */
    private Object value(String text) {
        if (text.startsWith("{") || text.startsWith("[")) {
            try {
                return JsonValues.parse(text);
            } catch (IOException e) {
                ctx.log().warn("failed to parse {} as json. Assuming {} is a string", text, text);
            }
        }
        return text;
    }

    @Override
    public boolean filter(String tag, Event event) {
        try {
            transform(tag, event);
        } catch (RuntimeException e) {
            ErrorEvents.emit(ctx, tag, event, e.toString());
            return false;
        }
        return true;
    }

    private void transform(String tag, Event event) {
        Map<String, Object> record = event.record();
        Template.Context c = new Template.Context();
        c.tag = tagParts(tag);
        c.record = record;
        c.time = event.time();
        c.hostname = hostname;
        c.zone = zone;
        Object[] values = new Object[templates.length];
        for (int i = 0; i < templates.length; i++) {
            values[i] = templates[i].eval(c);
        }
        Map<String, Object> out = record;
        if (config.renewRecord()) {
            out = new LinkedHashMap<>(names.length * 2 + keepKeys.length * 2);
            for (String k : keepKeys) {
                if (record.containsKey(k)) {
                    out.put(k, record.get(k));
                }
            }
        }
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], values[i]);
        }
        if (config.renewTimeKey() != null && out.containsKey(config.renewTimeKey())) {
            event.time(epoch(RubyValues.toF(out.get(config.renewTimeKey()))));
        }
        for (RecordAccessor k : removeKeys) {
            k.delete(out);
        }
        event.record(out);
    }

    /** Events of a stream share their tag: its split is kept until another tag comes. */
    private TagParts tagParts(String tag) {
        TagParts t = lastTag;
        if (!t.tag.equals(tag)) {
            t = new TagParts(tag);
            lastTag = t;
        }
        return t;
    }

    /** Ruby's {@code Time.at(float)}: the float's exact value, nanoseconds cut. */
    static EventTime epoch(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("renew_time_key value is not a time: " + seconds);
        }
        BigDecimal d = new BigDecimal(seconds);
        BigDecimal sec = d.setScale(0, java.math.RoundingMode.FLOOR);
        int nanos = d.subtract(sec).movePointRight(9).intValue();
        return new EventTime(sec.longValueExact(), nanos);
    }
}
