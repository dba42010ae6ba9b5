package io.floe.parsers.json;

import io.floe.api.Plugin;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import io.floe.parsers.JsonValues;
import io.floe.parsers.ParseConfig;
import io.floe.parsers.ParserBase;
import io.floe.parsers.ParserEnv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Fluentd's parser_json: a JSON object becomes the record; its {@code time} field (time_key) is the event
 * time, read as a float number of seconds unless time_format/time_type say otherwise. A JSON array gives
 * one event per object in it (a non-object element is reported as not matching); any other text, or text
 * that is not JSON, does not match.
 */
@Plugin(type = "json", desc = "Parses a JSON object into the record.")
public final class JsonParser extends ParserBase {

    /** The parameters of this parser. */
    public record Config(
            @Inline(title = ParseConfig.TITLE) ParseConfig common,
            @Param(desc = "Fluentd's Ruby JSON library (oj, yajl, json); accepted, Floe parses the same way.", dflt = "oj")
            String jsonParser,
            @Param(desc = "Yajl's stream buffer size; accepted for compatibility.", dflt = "8192") int streamBufferSize) {
    }

    private static final Defaults DEFAULTS = new Defaults("time", ParseConfig.TimeType.FLOAT, null, false);

    public JsonParser(Config c, ParserEnv env) {
        super(c.common(), env, DEFAULTS);
    }

    @Override
    public void parse(String text, Sink sink) {
        Object value;
        try {
            value = JsonValues.parse(text);
        } catch (IOException e) {
            sink.accept(null, null);
            return;
        }
        report(value, sink);
    }

    /**
     * Jackson reads the bytes as they are; text it refuses goes the String way, so that invalid UTF-8 is
     * judged as it is there (replaced by U+FFFD, then parsed).
     */
    @Override
    public void parse(byte[] utf8, int offset, int length, Sink sink) {
        Object value;
        try {
            value = JsonValues.parse(utf8, offset, length);
        } catch (IOException e) {
            parse(new String(utf8, offset, length, StandardCharsets.UTF_8), sink);
            return;
        }
        report(value, sink);
    }

    private void report(Object value, Sink sink) {
        if (value instanceof Map) {
            emit(record(value), sink);
        } else if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map) {
                    emit(record(o), sink);
                } else {
                    sink.accept(null, null);
                }
            }
        } else {
            sink.accept(null, null);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> record(Object o) {
        return (Map<String, Object>) o;
    }
}
