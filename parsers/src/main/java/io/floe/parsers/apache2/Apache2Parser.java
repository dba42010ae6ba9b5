package io.floe.parsers.apache2;

import io.floe.api.Plugin;
import io.floe.api.config.Inline;
import io.floe.codec.event.EventTime;
import io.floe.codec.text.RubyValues;
import io.floe.parsers.ParseConfig;
import io.floe.parsers.ParserBase;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.regex.RubyRegex;
import io.floe.parsers.time.TimeParser;
import io.floe.parsers.time.TimeParsers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Fluentd's parser_apache2: Apache access logs with a wider path (spaces, escaped quotes, optional
 * protocol); {@code code} and {@code size} become integers and a {@code -} becomes null. Every field is in
 * the record, null when absent. Like Fluentd's, it ignores {@code types} and its time format is fixed.
 */
@Plugin(type = "apache2", desc = "Parses Apache access log lines into typed fields (code and size integers, '-' null).")
public final class Apache2Parser extends ParserBase {

    /** The parameters of this parser. */
    public record Config(
            @Inline(title = ParseConfig.TITLE) ParseConfig common) {
    }

    private static final RubyRegex REGEXP = RubyRegex.compile("^(?<host>[^ ]*) [^ ]* (?<user>[^ ]*) \\[(?<time>[^\\]]*)\\] "
            + "\"(?<method>\\S+)(?: +(?<path>(?:[^\\\"]|\\\\.)*?)(?: +\\S*)?)?\" (?<code>[^ ]*) (?<size>[^ ]*)"
            + "(?: \"(?<referer>(?:[^\\\"]|\\\\.)*)\" \"(?<agent>(?:[^\\\"]|\\\\.)*)\")?$", 0);
    private static final String TIME_FORMAT = "%d/%b/%Y:%H:%M:%S %z";
    private static final String[] FIELDS = {"host", "user", "time", "method", "path", "code", "size", "referer", "agent"};

    private final TimeParser apacheTime;

    public Apache2Parser(Config c, ParserEnv env) {
        super(c.common(), env, Defaults.PLAIN);
        this.apacheTime = TimeParsers.string(TIME_FORMAT, zone, env.clock());
    }

    @Override
    public void parse(String text, Sink sink) {
        Matcher m = REGEXP.pattern().matcher(text);
        if (!m.find()) {
            sink.accept(null, null);
            return;
        }
        String[] v = new String[FIELDS.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = REGEXP.group(m, i);
        }
        EventTime time = apacheTime.parse(v[2]);
        Object code = RubyValues.toI(v[5] == null ? "" : v[5]);
        Map<String, Object> record = new LinkedHashMap<>(24);
        record.put("host", dash(v[0]));
        record.put("user", dash(v[1]));
        record.put("method", v[3]);
        record.put("path", v[4]);
        record.put("code", Long.valueOf(0).equals(code) ? null : code);
        record.put("size", v[6] == null || v[6].equals("-") ? null : RubyValues.toI(v[6]));
        record.put("referer", dash(v[7]));
        record.put("agent", dash(v[8]));
        if (keepTimeKey) {
            record.put("time", v[2]);
        }
        sink.accept(time, record);
    }

    private static String dash(String s) {
        return "-".equals(s) ? null : s;
    }
}
