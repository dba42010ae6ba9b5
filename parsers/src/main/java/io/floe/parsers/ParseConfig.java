package io.floe.parsers;

import io.floe.api.config.Param;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The parameters every parser takes (Fluentd's Parser base class): the time field, {@code types} and the
 * null rules. Each parser's {@code Config} holds them as an {@code @Inline} component beside its own.
 *
 * <p>Parameters whose default depends on the parser type (time_key, time_type, keep_time_key, time_format)
 * are null here when not written, and the parser applies its own default.
 */
public record ParseConfig(
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
        @Param(desc = "Fluentd's parse timeout; accepted, Floe does not interrupt a parse.", dflt = Param.NULL) Duration timeout) {

    /** The heading these parameters are documented under. */
    public static final String TITLE = "parser common parameters";

    /** Fluentd's time_type. */
    public enum TimeType { STRING, UNIXTIME, FLOAT, MIXED }

    public ParseConfig {
        types = types == null ? null : Map.copyOf(types);
    }
}
