package io.floe.filters.parser;

import io.floe.api.Filter;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.codec.event.Event;
import io.floe.codec.event.EventTime;
import io.floe.codec.event.MsgpackRecord;
import io.floe.filters.ErrorEvents;
import io.floe.filters.RecordAccessor;
import io.floe.conf.ConfigElement;
import io.floe.parsers.Parser;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.ParserException;
import io.floe.parsers.Parsers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fluentd's filter_parser: parses one field ({@code key_name}) with the {@code <parse>} parser and replaces
 * the record with the result (or merges it in, {@code reserve_data}). As in Fluentd:
 * <ul>
 *   <li>the event time becomes the parsed time, or the current time when the text has none and the parser
 *       estimates it (the default), unless {@code reserve_time};</li>
 *   <li>a record without the field, or whose field does not match, goes to {@code @ERROR} (unless
 *       {@code emit_invalid_record_to_error false}) and is dropped, or with {@code reserve_data} passes on
 *       unparsed;</li>
 *   <li>a field that matches but holds an invalid value (a bad time) goes to {@code @ERROR} and is dropped,
 *       whatever reserve_data says;</li>
 *   <li>only the first record of a text that gives several (a JSON array) is kept.</li>
 * </ul>
 * Every record it could not parse counts in the filter's {@code num_errors}, whether it went to {@code @ERROR}
 * or not.
 */
@Plugin(type = "parser", desc = "Parses a field of the record with a <parse> parser and replaces or extends the record.")
public final class ParserFilter implements Filter {

    public record Config(
            @Param(desc = "The field to parse: a name or a record accessor ($.log.message).") String keyName,
            @Param(desc = "Keep the original fields, the parsed ones added over them.", dflt = "false") boolean reserveData,
            @Param(desc = "Keep the event's time instead of the parsed one.", dflt = "false") boolean reserveTime,
            @Param(desc = "Remove key_name from the record when parsing succeeds (it matters with reserve_data).", dflt = "false")
            boolean removeKeyNameField,
            @Param(desc = "Replace invalid byte sequences; accepted, Floe's strings are always valid UTF-16.", dflt = "false")
            boolean replaceInvalidSequence,
            @Param(desc = "Prefix for the parsed field names.", dflt = Param.NULL) String injectKeyPrefix,
            @Param(desc = "Put the parsed fields in this one field, as a map.", dflt = Param.NULL) String hashValueField,
            @Param(desc = "Send records that cannot be parsed to the @ERROR label.", dflt = "true") boolean emitInvalidRecordToError,
            @Section(kind = "parser", desc = "The parser (required): @type and its parameters.") ConfigElement parse) {
    }

    private final Config config;
    private final PluginContext ctx;
    private final RecordAccessor key;
    private final Parser parser;

    public ParserFilter(Config config, PluginContext ctx) {
        this(config, ctx, ParserEnv.of(ctx));
    }

    /** With a given clock and local zone, for tests. */
    public ParserFilter(Config config, PluginContext ctx, ParserEnv env) {
        this.config = config;
        this.ctx = ctx;
        this.key = RecordAccessor.of(config.keyName());
        this.parser = Parsers.create(config.parse(), env);
    }

    @Override
    public boolean filter(String tag, Event event) {
        Map<String, Object> record = event.record();
        // A field still in the msgpack bytes goes to the parser as bytes: no String is made for it.
        MsgpackRecord.Utf8 bytes = config.keyName().startsWith("$") || !(record instanceof MsgpackRecord m) ? null
                : m.utf8(config.keyName());
        Object raw = bytes != null ? bytes : key.get(record);
        if (raw == null) {
            return invalid(tag, event, config.keyName() + " does not exist");
        }
        if (!(raw instanceof String || raw instanceof MsgpackRecord.Utf8)) {
            // Fluentd's parsers raise on a non-string (TypeError), which the filter reports as a failed parse.
            return failed(tag, event, "parse failed no implicit conversion of " + typeName(raw) + " into String");
        }
        Parser.Parsed parsed;
        try {
            parsed = raw instanceof String text ? parser.parseFirst(text) : parser.parseFirst(bytes.buf(), bytes.offset(), bytes.length());
        } catch (ParserException e) {
            return failed(tag, event, e.getMessage());
        } catch (RuntimeException e) {
            return failed(tag, event, "parse failed " + e.getMessage());
        }
        if (parsed == null) {
            return invalid(tag, event, "pattern not match with data '" + key.get(record) + "'");
        }
        EventTime t = config.reserveTime() || parsed.time() == null ? event.time() : parsed.time();
        if (config.removeKeyNameField()) {
            key.delete(record);
        }
        event.record(merge(record, parsed.record()));
        event.time(t);
        return true;
    }

    /** No field, or a text the parser does not recognise: to @ERROR, then dropped or (reserve_data) kept. */
    private boolean invalid(String tag, Event event, String reason) {
        // num_errors of the filter: every record it could not parse, sent to @ERROR or not
        ctx.metrics().numErrors.increment();
        if (config.emitInvalidRecordToError()) {
            ErrorEvents.emit(ctx, tag, event, reason);
        }
        if (!config.reserveData()) {
            return false;
        }
        event.record(merge(event.record(), new LinkedHashMap<>()));
        return true;
    }

    /** A parser error: to @ERROR and dropped, with or without reserve_data. */
    private boolean failed(String tag, Event event, String reason) {
        ctx.metrics().numErrors.increment();
        if (config.emitInvalidRecordToError()) {
            ErrorEvents.emit(ctx, tag, event, reason);
        }
        return false;
    }

    /** Fluentd's {@code handle_parsed}: key prefix, hash_value_field, then reserve_data's merge. */
    private Map<String, Object> merge(Map<String, Object> record, Map<String, Object> values) {
        Map<String, Object> v = values;
        if (config.injectKeyPrefix() != null) {
            v = new LinkedHashMap<>(values.size() * 2);
            for (Map.Entry<String, Object> e : values.entrySet()) {
                v.put(config.injectKeyPrefix() + e.getKey(), e.getValue());
            }
        }
        if (config.hashValueField() != null) {
            Map<String, Object> wrapped = new LinkedHashMap<>(4);
            wrapped.put(config.hashValueField(), v);
            v = wrapped;
        }
        if (!config.reserveData()) {
            return v;
        }
        record.putAll(v);
        return record;
    }

    private static String typeName(Object v) {
        return v instanceof Map ? "Hash" : v instanceof List ? "Array" : v instanceof Boolean b ? (b ? "true" : "false")
                : v instanceof Double ? "Float" : v instanceof Number ? "Integer" : v.getClass().getSimpleName();
    }
}
