package io.floe.outputs.format;

import io.floe.api.config.Param;
import java.util.List;
import java.util.Set;

/**
 * Fluentd's {@code <format>} section: the union of the parameters of the formatter types Floe ships
 * (a param that the chosen type does not use is ignored, as in Fluentd where every formatter accepts the
 * time parameters). {@code @type} has no default here because it depends on the owning plugin
 * ({@code out_file} for out_file, {@code stdout} for out_stdout).
 */
public record FormatConfig(
        @Param(name = "@type", desc = "Formatter type: out_file, json, ltsv, csv, tsv, single_value, hash or stdout. "
                + "The default depends on the output.", dflt = Param.NULL) String type,
        @Param(desc = "Field separator. out_file: TAB unless the value contains SPACE or COMMA (the words). "
                + "ltsv, tsv: default TAB. csv: default ',', TAB or \\t for a tab.", dflt = Param.NULL) String delimiter,
        @Param(desc = "out_file: print the tag.", dflt = "true") boolean outputTag,
        @Param(desc = "out_file: print the time.", dflt = "true") boolean outputTime,
        @Param(desc = "strftime format of the time; ISO 8601 when unset (stdout: '%Y-%m-%d %H:%M:%S.%N %z').",
                dflt = Param.NULL) String timeFormat,
        @Param(desc = "How the time is printed: string (time_format), unixtime (integer seconds) or float.",
                dflt = "string") TimeType timeType,
        @Param(desc = "Print the time in the local time zone.", dflt = "true") boolean localtime,
        @Param(desc = "Print the time in UTC (turns localtime off).", dflt = "false") boolean utc,
        @Param(desc = "Time zone of the time: +09:00, +0900, +09 or a name such as Asia/Tokyo.",
                dflt = Param.NULL) String timezone,
        @Param(desc = "End each formatted event with a newline (json, ltsv, csv, tsv, single_value, hash).",
                dflt = "true") boolean addNewline,
        @Param(desc = "The newline written: lf or crlf.", dflt = "lf") Newline newline,
        @Param(desc = "single_value: the record field to print.", dflt = "message") String messageKey,
        @Param(desc = "ltsv: separator between a label and its value.", dflt = ":") String labelDelimiter,
        @Param(desc = "ltsv: what replaces the delimiter inside a value.", dflt = " ") String replacement,
        @Param(desc = "csv: the record fields to print, in order (required for csv).", dflt = Param.NULL) List<String> fields,
        @Param(desc = "csv: quote every field.", dflt = "true") boolean forceQuotes,
        @Param(desc = "tsv: the record fields to print, in order (required for tsv).", dflt = Param.NULL) List<String> keys,
        @Param(desc = "stdout: the formatter type of the record part (json or hash, or any other type).",
                dflt = Param.NULL) String outputType,
        @Param(desc = "json: Fluentd's choice of Ruby JSON library; accepted for compatibility, output is the same.",
                dflt = "oj") String jsonParser) {

    public enum TimeType { FLOAT, UNIXTIME, STRING, MIXED }

    public enum Newline { LF, CRLF }

    public static final Set<String> TYPES = Set.of("out_file", "json", "ltsv", "csv", "tsv", "single_value", "hash", "stdout");

    public FormatConfig {
        if (type != null && !TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown format type '" + type + "' (Floe has " + String.join(", ", TYPES.stream().sorted().toList()) + ")");
        }
        if ("csv".equals(type) && (fields == null || fields.stream().allMatch(String::isEmpty))) {
            throw new IllegalArgumentException("'fields' parameter is required for @type csv");
        }
        if ("tsv".equals(type) && (keys == null || keys.isEmpty())) {
            throw new IllegalArgumentException("'keys' parameter is required for @type tsv");
        }
        if (outputType != null && (!TYPES.contains(outputType) || "stdout".equals(outputType))) {
            throw new IllegalArgumentException("unknown output_type '" + outputType + "'");
        }
        if (timezone != null) {
            TimeFormat.zone(timezone);
        }
    }

    /** All defaults, as an absent {@code <format>} section binds. */
    public static FormatConfig defaults() {
        return new FormatConfig(null, null, true, true, null, TimeType.STRING, true, false, null, true,
                Newline.LF, "message", ":", " ", null, true, null, null, "oj");
    }

    /**
     * Applies Fluentd's v0.12 compatibility layer: parameters written directly in {@code <match>} act as
     * {@code <format>} parameters where the section does not set them.
     */
    public FormatConfig withLegacy(String legacyType, String legacyTimeFormat, Boolean legacyLocaltime,
                                   Boolean legacyUtc, String legacyTimezone, String legacyOutputType) {
        boolean useUtc = utc || Boolean.TRUE.equals(legacyUtc) || Boolean.FALSE.equals(legacyLocaltime);
        return new FormatConfig(type != null ? type : legacyType, delimiter, outputTag, outputTime,
                timeFormat != null ? timeFormat : legacyTimeFormat, timeType, localtime, useUtc,
                timezone != null ? timezone : legacyTimezone, addNewline, newline, messageKey, labelDelimiter,
                replacement, fields, forceQuotes, keys, outputType != null ? outputType : legacyOutputType, jsonParser);
    }

    public FormatConfig withType(String t) {
        return new FormatConfig(t, delimiter, outputTag, outputTime, timeFormat, timeType, localtime, utc, timezone,
                addNewline, newline, messageKey, labelDelimiter, replacement, fields, forceQuotes, keys, outputType, jsonParser);
    }

    byte[] newlineBytes() {
        return newline == Newline.CRLF ? new byte[] {'\r', '\n'} : new byte[] {'\n'};
    }
}
