package io.floe.parsers;

import io.floe.api.config.Param;
import io.floe.parsers.ParseConfig.MessageFormat;
import io.floe.parsers.ParseConfig.TimeType;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A {@code <pattern>} of multi_format (fluent-plugin-multi-format-parser) or the nested {@code <parse>} of
 * cri: the parameters of {@link ParseConfig}, the parser type written as {@code format} (or {@code @type}).
 * A separate record because a record that contains itself would make the generated docs recurse.
 */
public record PatternConfig(
        @Param(name = "format", aliases = "@type", desc = "Parser type of this pattern, as <parse> @type; a /regexp/ "
                + "is the regexp parser with that expression.", dflt = Param.NULL) String format,
        @Param(desc = "Converts fields: key:type pairs, type one of string, integer, float, bool, time (time:FORMAT, "
                + "time:TIMEZONE:FORMAT, time:unixtime, time:float) or array (array:DELIMITER).", dflt = Param.NULL)
        Map<String, String> types,
        @Param(desc = "Field holding the event time (json, regexp, ltsv, nginx, docker, cri default: time). "
                + "Removed from the record unless keep_time_key.", dflt = Param.NULL) String timeKey,
        @Param(desc = "strptime format of the time field (Ruby's subset: %Y %m %d %H %M %S %L %N %z %:z %s %b ...); "
                + "%iso8601 for ISO 8601; unset: the time is guessed as Ruby's Time.parse does.", dflt = Param.NULL)
        String timeFormat,
        @Param(desc = "time_type mixed: the formats tried after time_format (unixtime, float or a strptime format).",
                dflt = Param.NULL) List<String> timeFormatFallbacks,
        @Param(desc = "How the time field is read: string (time_format), unixtime, float or mixed. "
                + "Default string; json: float, or string when time_format is set.", dflt = Param.NULL) TimeType timeType,
        @Param(desc = "Keep the time field in the record (default false; cri: true).", dflt = Param.NULL) Boolean keepTimeKey,
        @Param(desc = "A string field matching this (Ruby) regexp anywhere becomes null.", dflt = Param.NULL) String nullValuePattern,
        @Param(desc = "An empty string field becomes null.", dflt = "false") boolean nullEmptyString,
        @Param(desc = "Use the current time when the text has no time field.", dflt = "true") boolean estimateCurrentEvent,
        @Param(desc = "Zone of times without an offset: +09:00, +0900, +09 or a name such as Asia/Tokyo.", dflt = Param.NULL)
        String timezone,
        @Param(desc = "Times without an offset are UTC.", dflt = Param.NULL) Boolean utc,
        @Param(desc = "Times without an offset are in the local zone (the default).", dflt = Param.NULL) Boolean localtime,
        @Param(desc = "Fluentd's parse timeout; accepted, Floe does not interrupt a parse.", dflt = Param.NULL) Duration timeout,
        @Param(desc = "none: the field that receives the whole text.", dflt = "message") String messageKey,
        @Param(desc = "regexp: the Ruby regular expression, /.../ with optional i and m flags, or bare; named groups become "
                + "fields. apache, apache_error, nginx: replaces their built-in expression.", dflt = Param.NULL) String expression,
        @Param(desc = "regexp: no longer effective; write /pattern/i.", dflt = "false",
                deprecated = "Use /pattern/i instead, this option is no longer effective") boolean ignorecase,
        @Param(desc = "regexp: no longer effective; write /pattern/m.", dflt = "false",
                deprecated = "Use /pattern/m instead, this option is no longer effective") boolean multiline,
        @Param(desc = "json: Fluentd's Ruby JSON library (oj, yajl, json); accepted, Floe parses the same way.", dflt = "oj")
        String jsonParser,
        @Param(desc = "json: Yajl's stream buffer size; accepted for compatibility.", dflt = "8192") int streamBufferSize,
        @Param(desc = "syslog: lines start with a <PRI>.", dflt = "false") boolean withPriority,
        @Param(desc = "syslog: rfc3164, rfc5424 or auto (per line; needs with_priority to tell them apart).", dflt = "rfc3164")
        MessageFormat messageFormat,
        @Param(desc = "syslog: time format of RFC 5424 lines.", dflt = "%Y-%m-%dT%H:%M:%S.%L%z") String rfc5424TimeFormat,
        @Param(desc = "syslog: regexp or string (a faster hand-written RFC 3164 parser). csv: alias of parser_engine.",
                dflt = Param.NULL) String parserType,
        @Param(desc = "syslog string parser: accept an ident without a trailing colon.", dflt = "true") boolean supportColonlessIdent,
        @Param(desc = "csv, tsv: the field names, in column order (required).", dflt = Param.NULL) List<String> keys,
        @Param(desc = "csv: column separator (default ','). tsv, ltsv: field separator (default TAB).", dflt = Param.NULL)
        String delimiter,
        @Param(desc = "csv: normal (RFC 4180 quoting) or fast (Fluentd's split-based parser).", dflt = Param.NULL) String parserEngine,
        @Param(desc = "ltsv: a regexp separating the fields, instead of delimiter.", dflt = Param.NULL) String delimiterPattern,
        @Param(desc = "ltsv: separator between a label and its value.", dflt = ":") String labelDelimiter,
        @Param(desc = "cri with a nested <parse>: add stream and logtag to the parsed record.", dflt = "true") boolean mergeCriFields,
        @Param(desc = "docker: when set, a line whose log does not end in a newline (Docker splits lines over 16 KB) "
                + "gets this field set to true.", dflt = Param.NULL) String partialKey) {

    public PatternConfig {
        types = types == null ? null : Map.copyOf(types);
    }

    /** The same settings as a {@code <parse>} section, without nested sections. */
    public ParseConfig toParseConfig() {
        RecordComponent[] target = ParseConfig.class.getRecordComponents();
        Object[] args = new Object[target.length];
        Class<?>[] types = new Class<?>[target.length];
        try {
            for (int i = 0; i < target.length; i++) {
                types[i] = target[i].getType();
                String name = target[i].getName();
                if (name.equals("type")) {
                    args[i] = format;
                } else if (target[i].getType() == List.class && (name.equals("patterns") || name.equals("parse"))) {
                    args[i] = List.of();
                } else {
                    args[i] = PatternConfig.class.getMethod(name).invoke(this);
                }
            }
            return ParseConfig.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("PatternConfig and ParseConfig disagree: " + e, e);
        }
    }
}
