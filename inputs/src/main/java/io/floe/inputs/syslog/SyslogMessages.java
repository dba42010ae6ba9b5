package io.floe.inputs.syslog;

import io.floe.api.PluginContext;
import io.floe.codec.event.EventTime;
import io.floe.codec.text.RubyText;
import io.floe.inputs.net.Messages;
import io.floe.inputs.net.TaggedBatch;
import io.floe.inputs.net.Throttle;
import io.floe.parsers.Parser;
import io.floe.parsers.ParserException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * in_syslog's handling of one message: the priority read (by the parser with {@code with_priority}, else from the
 * {@code <PRI>} prefix), the record parsed, the severity and facility added under their keys, and the event tagged
 * {@code TAG.FACILITY.SEVERITY}. A message that does not parse is warned about (once per interval) and, with
 * {@code emit_unmatched_lines}, emitted as {@code {"unmatched_line": message}} under {@code TAG.unmatched}.
 */
final class SyslogMessages implements Messages {
    static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp",
            "cron", "authpriv", "ftp", "ntp", "audit", "alert", "at", "local0", "local1", "local2", "local3", "local4", "local5",
            "local6", "local7");
    static final List<String> SEVERITIES = List.of("emerg", "alert", "crit", "err", "warn", "notice", "info", "debug");
    private static final Pattern PRIORITY = Pattern.compile("^<([0-9]{1,3})>(.*)$", Pattern.DOTALL);

    /** The in_syslog parameters applied here. */
    record Settings(String tag, boolean parserReadsPriority, String severityKey, String facilityKey, boolean emitUnmatchedLines) {
    }

    private final PluginContext plugin;
    private final Parser parser;
    private final Settings settings;
    private final Throttle unmatched = new Throttle(TimeUnit.SECONDS.toNanos(10));

    SyslogMessages(PluginContext plugin, Parser parser, Settings settings) {
        this.plugin = plugin;
        this.parser = parser;
        this.settings = settings;
    }

    @Override
    public void add(String message, Map<String, String> source, TaggedBatch out, String peer) {
        Integer pri = null;
        String text = message;
        if (!settings.parserReadsPriority()) {
            Matcher m = PRIORITY.matcher(message);
            if (!m.matches()) {
                unmatched("invalid syslog message", message, source, out, peer);
                return;
            }
            pri = Integer.parseInt(m.group(1));
            text = m.group(2);
        }
        Integer known = pri;
        boolean[] taken = new boolean[1];
        try {
            parser.parse(text, (time, record) -> {
                if (record == null || taken[0]) {
                    return;
                }
                Object p = known != null ? known : record.remove("pri");
                if (!(p instanceof Number n) || n.intValue() < 0 || (n.intValue() >> 3) >= FACILITIES.size()) {
                    return;
                }
                taken[0] = true;
                String facility = FACILITIES.get(n.intValue() >> 3);
                String severity = SEVERITIES.get(n.intValue() & 7);
                if (settings.severityKey() != null) {
                    record.put(settings.severityKey(), severity);
                }
                if (settings.facilityKey() != null) {
                    record.put(settings.facilityKey(), facility);
                }
                record.putAll(source);
                out.to(settings.tag() + "." + facility + "." + severity).add(time == null ? EventTime.now() : time, record);
            });
        } catch (ParserException | IllegalArgumentException e) {
            taken[0] = false;
        }
        if (!taken[0]) {
            unmatched("failed to parse message", message, source, out, peer);
        }
    }

    private void unmatched(String problem, String message, Map<String, String> source, TaggedBatch out, String peer) {
        plugin.metrics().numErrors.increment();
        long more = unmatched.pass();
        if (more >= 0) {
            plugin.log().warn("{}: data={} host=\"{}\"{}", problem, RubyText.forLog(message), peer, Throttle.more(more));
        }
        if (settings.emitUnmatchedLines()) {
            Map<String, Object> record = new LinkedHashMap<>(4);
            record.put("unmatched_line", message);
            record.putAll(source);
            out.to(settings.tag() + ".unmatched").add(EventTime.now(), record);
        }
    }
}
