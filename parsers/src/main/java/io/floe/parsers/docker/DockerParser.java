package io.floe.parsers.docker;

import io.floe.api.Plugin;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import io.floe.parsers.JsonValues;
import io.floe.parsers.ParseConfig;
import io.floe.parsers.ParserBase;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.time.TimeParsers;
import java.util.Map;

/**
 * A line of Docker's json-file log driver, {@code {"log":"...\n","stream":"stdout","time":"2026-11-21T06:46:31.011271025Z"}}:
 * the record is the object without {@code time} (log, stream and any attrs), the event time is {@code time}
 * (RFC 3339, 1 to 9 fraction digits) and the newline Docker keeps at the end of {@code log} is removed.
 * Docker splits lines longer than 16 KB into pieces whose log has no newline: such a piece is passed on
 * as it is (nothing to remove) and, when {@code partial_key} is set, marked with that field set to true so
 * a later step can join the pieces. A Floe parser: in Fluentd this is {@code @type json} plus a
 * record_transformer or concat step.
 */
@Plugin(type = "docker", desc = "Parses a Docker json-file log line: log without its trailing newline, stream, and the time.")
public final class DockerParser extends ParserBase {

    /** The parameters of this parser. */
    public record Config(
            @Inline(title = ParseConfig.TITLE) ParseConfig common,
            @Param(desc = "When set, a line whose log does not end in a newline (Docker splits lines over 16 KB) "
                    + "gets this field set to true.", dflt = Param.NULL) String partialKey) {
    }

    private static final Defaults DEFAULTS = new Defaults("time", ParseConfig.TimeType.STRING, TimeParsers.ISO8601, false);

    private final String partialKey;

    public DockerParser(Config c, ParserEnv env) {
        super(c.common(), env, DEFAULTS);
        this.partialKey = c.partialKey();
    }

    @Override
    public void parse(String text, Sink sink) {
        Map<String, Object> record = JsonValues.object(text);
        if (record == null) {
            sink.accept(null, null);
            return;
        }
        if (record.get("log") instanceof String log) {
            int cut = log.endsWith("\r\n") ? 2 : log.endsWith("\n") ? 1 : 0;
            if (cut > 0) {
                record.put("log", log.substring(0, log.length() - cut));
            } else if (partialKey != null) {
                record.put(partialKey, Boolean.TRUE);
            }
        }
        emit(record, sink);
    }
}
