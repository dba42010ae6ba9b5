package io.floe.agent.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import io.floe.codec.text.RubyText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.helpers.MessageFormatter;

/**
 * The one place where a log event becomes text, for the text and JSON log and the {@code fluent.*}
 * events alike. Tags, records, peers, user and file names reach log calls from clients, so nothing of an
 * event is written as it is: each argument is escaped as Ruby's {@code inspect} escapes a string (call
 * sites put the quotes: {@code tag="{}"}), and whatever is still not printable in the whole message (text
 * that a call site concatenated) and in exception messages is escaped too. A log line is therefore always
 * one line, no client can forge one, and no terminal escape sequence reaches an operator's screen.
 */
final class LogText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");
    private static final String PLUGIN_LOGGER = "plugin.";

    private LogText() {
    }

    /** Fluentd's time format, in the agent's time zone: {@code 2026-11-21 04:43:04 +0000}. */
    static String time(ILoggingEvent event) {
        return TIME.format(Instant.ofEpochMilli(event.getTimeStamp()).atZone(ZoneId.systemDefault()));
    }

    /** Levels as Fluentd writes them: {@code info}, {@code warn}. */
    static String level(ILoggingEvent event) {
        return event.getLevel().toString().toLowerCase(Locale.ROOT);
    }

    /** The message, prefixed with the plugin's id as Fluentd does ({@code [in_forward] ...}), escaped. */
    static String message(ILoggingEvent event) {
        StringBuilder b = new StringBuilder(pluginPrefix(event.getLoggerName()));
        Object[] args = event.getArgumentArray();
        String pattern = String.valueOf(event.getMessage());
        String formatted;
        if (args == null || args.length == 0) {
            formatted = pattern;
        } else {
            Object[] escaped = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                escaped[i] = escapedArgument(args[i]);
            }
            formatted = MessageFormatter.arrayFormat(pattern, escaped).getMessage();
        }
        RubyText.escapeUnprintable(formatted, b);
        return b.toString();
    }

    /** {@code "[id] "} for a plugin's logger, else nothing. */
    static String pluginPrefix(String loggerName) {
        if (!loggerName.startsWith(PLUGIN_LOGGER)) {
            return "";
        }
        StringBuilder b = new StringBuilder("[");
        RubyText.escapeUnprintable(loggerName.substring(PLUGIN_LOGGER.length()), b);
        return b.append("] ").toString();
    }

    private static Object escapedArgument(Object arg) {
        if (arg == null || arg instanceof Number || arg instanceof Boolean || arg.getClass().isArray()) {
            // Arrays are formatted element by element; the pass over the whole message covers them.
            return arg;
        }
        String text;
        try {
            text = String.valueOf(arg);
        } catch (RuntimeException e) {
            text = "[FAILED toString()]";
        }
        StringBuilder b = new StringBuilder(text.length() + 8);
        RubyText.escape(text, b);
        return b.toString();
    }

    /**
     * The exception's lines as Java prints them (class and message, {@code at} frames, {@code Caused by:},
     * {@code Suppressed:}), each escaped: an exception message may quote client data.
     */
    static List<String> stackTrace(IThrowableProxy t) {
        List<String> lines = new ArrayList<>();
        if (t != null) {
            append(t, "", "", lines);
        }
        return lines;
    }

    private static void append(IThrowableProxy t, String caption, String indent, List<String> lines) {
        StringBuilder head = new StringBuilder(indent).append(caption);
        RubyText.escapeUnprintable(t.getClassName(), head);
        if (t.getMessage() != null) {
            head.append(": ");
            RubyText.escapeUnprintable(t.getMessage(), head);
        }
        lines.add(head.toString());
        StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
        int shown = frames.length - t.getCommonFrames();
        for (int i = 0; i < shown; i++) {
            StringBuilder frame = new StringBuilder(indent).append('\t');
            RubyText.escapeUnprintable(frames[i].getSTEAsString(), frame);
            lines.add(frame.toString());
        }
        if (t.getCommonFrames() > 0) {
            lines.add(indent + "\t... " + t.getCommonFrames() + " common frames omitted");
        }
        if (t.isCyclic()) {
            return;
        }
        for (IThrowableProxy s : t.getSuppressed() == null ? new IThrowableProxy[0] : t.getSuppressed()) {
            append(s, "Suppressed: ", indent + "\t", lines);
        }
        if (t.getCause() != null) {
            append(t.getCause(), "Caused by: ", indent, lines);
        }
    }
}
