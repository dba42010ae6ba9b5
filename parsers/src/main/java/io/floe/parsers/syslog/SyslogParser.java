package io.floe.parsers.syslog;

import io.floe.api.Plugin;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import io.floe.codec.event.EventTime;
import io.floe.codec.text.RubyText;
import io.floe.codec.text.RubyValues;
import io.floe.parsers.ParseConfig;
import io.floe.parsers.ParserBase;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.ParserException;
import io.floe.parsers.regex.RubyRegex;
import io.floe.parsers.time.TimeParser;
import io.floe.parsers.time.TimeParsers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fluentd's parser_syslog: RFC 3164 (default) or RFC 5424 lines, or {@code message_format auto} choosing per
 * line (a line starting {@code <PRI>VERSION} is RFC 5424). Fields: pri (integer, with_priority), host,
 * ident, pid, msgid and extradata (5424), message; time only with keep_time_key. The regexps are
 * Fluentd's, written in Ruby syntax and translated; {@code parser_type string} uses the hand-written RFC
 * 3164 reader instead. As in Fluentd, {@code types} are not applied.
 */
@Plugin(type = "syslog", desc = "Parses syslog lines (RFC 3164, RFC 5424, or auto-detected per line).")
public final class SyslogParser extends ParserBase {

    /** The syslog parser's message_format. */
    public enum MessageFormat { RFC3164, RFC5424, AUTO }

    /** The parameters of this parser. */
    public record Config(
            @Inline(title = ParseConfig.TITLE) ParseConfig common,
            @Param(desc = "Lines start with a <PRI>.", dflt = "false") boolean withPriority,
            @Param(desc = "rfc3164, rfc5424 or auto (per line; needs with_priority to tell them apart).", dflt = "rfc3164")
            MessageFormat messageFormat,
            @Param(desc = "Time format of RFC 5424 lines.", dflt = "%Y-%m-%dT%H:%M:%S.%L%z") String rfc5424TimeFormat,
            @Param(desc = "regexp or string (a faster hand-written RFC 3164 parser).", dflt = Param.NULL) String parserType,
            @Param(desc = "string parser: accept an ident without a trailing colon.", dflt = "true") boolean supportColonlessIdent) {
    }

    static final RubyRegex RFC3164 = RubyRegex.compile("^(?<time>[^ ]*\\s*[^ ]* [^ ]*) (?<host>[^ ]*) (?<ident>[^ :\\[]*)"
            + "(?:\\[(?<pid>[0-9]+)\\])?(?:[^\\:]*\\:)? *(?<message>.*)$", 0);
    static final RubyRegex RFC3164_PRI = RubyRegex.compile("^\\<(?<pri>[0-9]+)\\>(?<time>[^ ]* {1,2}[^ ]* [^ ]*) "
            + "(?<host>[^ ]*) (?<ident>[^ :\\[]*)(?:\\[(?<pid>[0-9]+)\\])?(?:[^\\:]*\\:)? *(?<message>.*)$", 0);
    private static final String RFC5424_BODY = "(?<time>[^ ]+) (?<host>[!-~]{1,255}) (?<ident>[!-~]{1,48}) (?<pid>[!-~]{1,128}) "
            + "(?<msgid>[!-~]{1,32}) (?<extradata>(?:\\-|(?:\\[.*?(?<!\\\\)\\])+))(?: (?<message>.+))?";
    static final RubyRegex RFC5424 = RubyRegex.compile("\\A" + RFC5424_BODY + "\\z", RubyRegex.MULTILINE);
    static final RubyRegex RFC5424_PRI = RubyRegex.compile("\\A<(?<pri>[0-9]{1,3})\\>[1-9]\\d{0,2} " + RFC5424_BODY + "\\z",
            RubyRegex.MULTILINE);
    private static final Pattern DETECT_RFC5424 = RubyRegex.compile("^\\<[0-9]{1,3}\\>[1-9]\\d{0,2}", 0).pattern();

    private final MessageFormat format;
    private final boolean withPriority;
    private final boolean stringParser;
    private final TimeParser time3164;
    private final TimeParser time5424;
    private final TimeParser time5424NoFraction;
    private final Rfc3164Reader reader;

    public SyslogParser(Config c, ParserEnv env) {
        super(c.common(), env, Defaults.PLAIN.withTimeFormat("%b %d %H:%M:%S"));
        this.format = c.messageFormat();
        this.withPriority = c.withPriority();
        String type = c.parserType() == null ? "regexp" : c.parserType();
        if (!type.equals("regexp") && !type.equals("string")) {
            throw new IllegalArgumentException("valid options are regexp,string but got " + type + " for parser_type");
        }
        this.stringParser = type.equals("string");
        this.time3164 = timeParser;
        String f5424 = format == MessageFormat.RFC5424 && c.common().timeFormat() != null ? c.common().timeFormat() : c.rfc5424TimeFormat();
        this.time5424 = TimeParsers.string(f5424, zone, env.clock());
        this.time5424NoFraction = TimeParsers.string("%Y-%m-%dT%H:%M:%S%z", zone, env.clock());
        this.reader = new Rfc3164Reader(withPriority, c.supportColonlessIdent(), keepTimeKey);
    }

    @Override
    public void parse(String text, Sink sink) {
        boolean rfc5424 = switch (format) {
            case RFC5424 -> true;
            case RFC3164 -> false;
            case AUTO -> DETECT_RFC5424.matcher(text).find();
        };
        if (rfc5424) {
            plain(text, withPriority ? RFC5424_PRI : RFC5424, true, sink);
        } else if (stringParser) {
            reader.read(text, time3164, sink);
        } else {
            plain(text, withPriority ? RFC3164_PRI : RFC3164, false, sink);
        }
    }

    private void plain(String text, RubyRegex regex, boolean rfc5424, Sink sink) {
        Matcher m = regex.pattern().matcher(text);
        if (!m.find()) {
            sink.accept(null, null);
            return;
        }
        EventTime time = null;
        Map<String, Object> record = new LinkedHashMap<>(16);
        for (int i = 0; i < regex.names().size(); i++) {
            String name = regex.names().get(i);
            String value = regex.group(m, i);
            if (value == null) {
                continue;
            }
            switch (name) {
                case "pri" -> record.put("pri", RubyValues.toI(value));
                case "time" -> {
                    // Fluentd squeezes runs of spaces ("Feb  5") before reading the time.
                    time = time(value.contains("  ") ? value.replaceAll(" +", " ") : value, rfc5424);
                    if (keepTimeKey) {
                        record.put("time", value);
                    }
                }
                case "message" -> record.put("message", RubyText.chomp(value));
                default -> record.put(name, value);
            }
        }
        sink.accept(time != null ? time : estimate(), record);
    }

    private EventTime time(String text, boolean rfc5424) {
        if (!rfc5424) {
            return time3164.parse(text);
        }
        try {
            return time5424.parse(text);
        } catch (ParserException e) {
            return time5424NoFraction.parse(text);
        }
    }
}
