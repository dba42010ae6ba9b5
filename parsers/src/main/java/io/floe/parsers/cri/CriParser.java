package io.floe.parsers.cri;

import io.floe.api.Plugin;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.conf.ConfigElement;
import java.util.List;
import io.floe.codec.event.EventTime;
import io.floe.parsers.ParseConfig;
import io.floe.parsers.Parser;
import io.floe.parsers.ParserBase;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.Parsers;
import io.floe.parsers.time.TimeParsers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * fluent-plugin-parser-cri: a CRI (containerd, CRI-O) log line {@code TIME STREAM LOGTAG MESSAGE}, e.g.
 * {@code 2026-11-21T06:46:31.011271025Z stdout F hello}, into {@code stream}, {@code logtag} (F for a full
 * line, P for a piece of a longer one) and {@code message}, the time kept as {@code time} (keep_time_key
 * defaults to true here, as in the plugin). With a nested {@code <parse>}, the message is parsed by it and
 * stream/logtag are added (merge_cri_fields); the time is then the nested parser's.
 *
 * <p>Unlike the Ruby plugin, which splits on runs of whitespace, the message keeps its leading spaces
 * (indented stack trace lines), and a line with an empty message ({@code ... stdout F}) is accepted.
 */
@Plugin(type = "cri", desc = "Parses a CRI (containerd/CRI-O) log line into stream, logtag and message.")
public final class CriParser extends ParserBase {

    /** The parameters of this parser. */
    public record Config(
            @Inline(title = ParseConfig.TITLE) ParseConfig common,
            @Param(desc = "With a nested <parse>: add stream and logtag to the parsed record.", dflt = "true") boolean mergeCriFields,
            @Section(name = "parse", kind = "parser", desc = "Parses the message part with this parser.") List<ConfigElement> parse) {
    }

    private static final Defaults DEFAULTS = new Defaults("time", ParseConfig.TimeType.STRING, TimeParsers.ISO8601, true);

    private final Parser nested;
    private final boolean mergeFields;

    public CriParser(Config c, ParserEnv env) {
        super(c.common(), env, DEFAULTS);
        if (c.parse().size() > 1) {
            throw new IllegalArgumentException("cri takes at most one nested <parse> section");
        }
        this.nested = c.parse().isEmpty() ? null : Parsers.create(c.parse().get(0), env);
        this.mergeFields = c.mergeCriFields();
    }

    @Override
    public void parse(String text, Sink sink) {
        int s1 = text.indexOf(' ');
        int s2 = s1 < 0 ? -1 : text.indexOf(' ', s1 + 1);
        if (s1 <= 0 || s2 < 0) {
            sink.accept(null, null);
            return;
        }
        int s3 = text.indexOf(' ', s2 + 1);
        String stream = text.substring(s1 + 1, s2);
        String logtag = s3 < 0 ? text.substring(s2 + 1) : text.substring(s2 + 1, s3);
        String message = s3 < 0 ? "" : text.substring(s3 + 1);
        if (nested != null) {
            Parsed p = nested.parseFirst(message);
            if (p != null && mergeFields) {
                p.record().put("stream", stream);
                p.record().put("logtag", logtag);
            }
            sink.accept(p == null ? null : p.time(), p == null ? null : p.record());
            return;
        }
        String timeText = text.substring(0, s1);
        EventTime time = timeParser.parse(timeText);
        Map<String, Object> record = new LinkedHashMap<>(8);
        record.put("stream", stream);
        record.put("logtag", logtag);
        record.put("message", message);
        if (keepTimeKey) {
            record.put(timeKey, timeText);
        }
        sink.accept(time, record);
    }
}
