package io.floe.outputs.inject;

import io.floe.api.config.Param;
import io.floe.outputs.format.FormatConfig;
import io.floe.outputs.format.TimeFormat;

/**
 * Fluentd's {@code <inject>} section: fields an output adds to each record before writing it. Nothing is
 * added unless a {@code *_key} is set, as in Fluentd's inject plugin helper.
 */
public record InjectConfig(
        @Param(desc = "Field that gets the host name.", dflt = Param.NULL) String hostnameKey,
        @Param(desc = "The host name hostname_key writes; the machine's host name when unset.", dflt = Param.NULL) String hostname,
        @Param(desc = "Field that gets the worker id (always 0: Floe runs one worker).", dflt = Param.NULL) String workerIdKey,
        @Param(desc = "Field that gets the event's tag.", dflt = Param.NULL) String tagKey,
        @Param(desc = "Field that gets the event's time.", dflt = Param.NULL) String timeKey,
        @Param(desc = "How the time is written: float (seconds with microseconds), unixtime (integer seconds) or string (time_format).",
                dflt = "float") TimeType timeType,
        @Param(desc = "strftime format of a string time; ISO 8601 when unset.", dflt = Param.NULL) String timeFormat,
        @Param(desc = "Format a string time in the local time zone.", dflt = "true") boolean localtime,
        @Param(desc = "Format a string time in UTC (turns localtime off).", dflt = "false") boolean utc,
        @Param(desc = "Time zone of a string time: +09:00, +0900, +09 or a name such as Asia/Tokyo.", dflt = Param.NULL) String timezone) {

    /** The heading the section is documented under. */
    public static final String TITLE = "inject";

    public enum TimeType { FLOAT, UNIXTIME, STRING }

    public InjectConfig {
        if (timezone != null) {
            TimeFormat.zone(timezone);
        }
    }

    /** Whether the section adds anything: Fluentd's inject is off until one key is named. */
    public boolean enabled() {
        return hostnameKey != null || workerIdKey != null || tagKey != null || timeKey != null;
    }

    /** The string time's parameters as a formatter takes them, so both print a time by the same rules. */
    FormatConfig stringTime() {
        return new FormatConfig(timeFormat, FormatConfig.TimeType.STRING, localtime, utc, timezone);
    }
}
