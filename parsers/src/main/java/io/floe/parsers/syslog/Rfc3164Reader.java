package io.floe.parsers.syslog;

import io.floe.codec.event.EventTime;
import io.floe.codec.text.RubyText;
import io.floe.codec.text.RubyValues;
import io.floe.parsers.Parser.Sink;
import io.floe.parsers.time.TimeParser;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fluentd's {@code parser_type string} for RFC 3164: reads {@code [<PRI>]Mmm dd hh:mm:ss[.frac] host
 * ident[pid]: message} by position instead of by regexp. Field order host, pri, ident, pid, message, as
 * Fluentd builds the record.
 *
 * @param withPriority the text starts with {@code <PRI>}
 * @param colonlessIdent {@code support_colonless_ident}: an ident need not end with a colon
 * @param keepTime the time text stays in the record ({@code keep_time_key})
 */
record Rfc3164Reader(boolean withPriority, boolean colonlessIdent, boolean keepTime) {
    private static final int TIME_SIZE = 15;

    void read(String text, TimeParser timeParser, Sink sink) {
        Object pri = null;
        int cursor = 0;
        if (withPriority) {
            int close = text.startsWith("<") ? text.indexOf('>', 1) : -1;
            if (close < 2) {
                sink.accept(null, null);
                return;
            }
            pri = RubyValues.toI(text.substring(1, close));
            cursor = close + 1;
        }
        char timeEnd = cursor + TIME_SIZE < text.length() ? text.charAt(cursor + TIME_SIZE) : 0;
        String timeText;
        if (timeEnd == ' ') {
            timeText = text.substring(cursor, cursor + TIME_SIZE);
            cursor += TIME_SIZE + 1;
        } else if (timeEnd == '.') {
            int space = text.indexOf(' ', cursor + TIME_SIZE);
            if (space < 0) {
                sink.accept(null, null);
                return;
            }
            timeText = text.substring(cursor, space);
            cursor = space + 1;
        } else {
            sink.accept(null, null);
            return;
        }
        int space = text.indexOf(' ', cursor);
        if (space < 0) {
            sink.accept(null, null);
            return;
        }
        Map<String, Object> record = new LinkedHashMap<>(16);
        record.put("host", text.substring(cursor, space));
        if (pri != null) {
            record.put("pri", pri);
        }
        cursor = space + 1;
        record.put("message", RubyText.chomp(message(text, cursor, record)));
        EventTime time = timeParser.parse(timeText);
        if (keepTime) {
            record.put("time", timeText);
        }
        sink.accept(time, record);
    }

    /** Takes ident and pid into the record (before the message, so they keep Fluentd's field order). */
    private String message(String text, int cursor, Map<String, Object> record) {
        int space = text.indexOf(' ', cursor);
        if (space < 0) {
            return text.substring(cursor);
        }
        char before = text.charAt(space - 1);
        if (before == ':' || (colonlessIdent && before == ']')) {
            int tagEnd = before == ':' ? space - 1 : space;
            int bracket = text.indexOf('[', cursor);
            if (text.charAt(tagEnd - 1) == ']' && bracket >= 0 && bracket < tagEnd) {
                record.put("ident", text.substring(cursor, bracket));
                record.put("pid", text.substring(bracket + 1, tagEnd - 1));
            } else {
                record.put("ident", text.substring(cursor, tagEnd));
            }
            return text.substring(space + 1);
        }
        if (colonlessIdent) {
            record.put("ident", text.substring(cursor, space));
            return text.substring(space + 1);
        }
        return text.substring(cursor);
    }
}
