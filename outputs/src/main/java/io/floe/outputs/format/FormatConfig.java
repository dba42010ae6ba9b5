package io.floe.outputs.format;

import io.floe.api.config.Param;

/**
 * The parameters every formatter takes in Fluentd's {@code <format>}: how an event time is printed. Each
 * formatter's {@code Config} holds them as an {@code @Inline} component beside its own; those that print
 * no time (json, csv ...) accept them, as Fluentd's do.
 */
public record FormatConfig(
        @Param(desc = "strftime format of the time; ISO 8601 when unset (stdout: '%Y-%m-%d %H:%M:%S.%N %z').",
                dflt = Param.NULL) String timeFormat,
        @Param(desc = "How the time is printed: string (time_format), unixtime (integer seconds) or float.",
                dflt = "string") TimeType timeType,
        @Param(desc = "Print the time in the local time zone.", dflt = "true") boolean localtime,
        @Param(desc = "Print the time in UTC (turns localtime off).", dflt = "false") boolean utc,
        @Param(desc = "Time zone of the time: +09:00, +0900, +09 or a name such as Asia/Tokyo.",
                dflt = Param.NULL) String timezone) {

    /** The heading these parameters are documented under. */
    public static final String TITLE = "formatter common parameters";

    public enum TimeType { FLOAT, UNIXTIME, STRING, MIXED }

    public enum Newline {
        LF, CRLF;

        byte[] bytes() {
            return this == CRLF ? new byte[] {'\r', '\n'} : new byte[] {'\n'};
        }
    }

    public FormatConfig {
        if (timezone != null) {
            TimeFormat.zone(timezone);
        }
    }

    /**
     * Fluentd's v0.12 compatibility layer: parameters written directly in {@code <match>} that act as
     * {@code <format>} parameters where the section does not set them.
     */
    public record Legacy(String type, String timeFormat, Boolean localtime, Boolean utc, String timezone, String outputType) {
        public static final Legacy NONE = new Legacy(null, null, null, null, null, null);

        public Legacy {
            if (timezone != null) {
                TimeFormat.zone(timezone);
            }
        }

        /** The section's time parameters with the legacy ones filled in. */
        FormatConfig apply(FormatConfig c) {
            boolean useUtc = c.utc() || Boolean.TRUE.equals(utc) || Boolean.FALSE.equals(localtime);
            return new FormatConfig(c.timeFormat() != null ? c.timeFormat() : timeFormat, c.timeType(), c.localtime(), useUtc,
                    c.timezone() != null ? c.timezone() : timezone);
        }
    }
}
