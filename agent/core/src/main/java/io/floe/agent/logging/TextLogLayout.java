package io.floe.agent.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/**
 * Fluentd's line format, {@code 2026-11-21 04:43:04 +0000 [warn]: [plugin_id] message}. An exception's
 * stack trace follows as Fluentd writes a backtrace: each line with its own time and level, indented by
 * two spaces, so every line of the log starts as a log line does.
 */
final class TextLogLayout extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent event) {
        String head = LogText.time(event) + " [" + LogText.level(event) + "]: ";
        StringBuilder out = new StringBuilder(128).append(head).append(LogText.message(event)).append('\n');
        String plugin = LogText.pluginPrefix(event.getLoggerName());
        for (String line : LogText.stackTrace(event.getThrowableProxy())) {
            out.append("  ").append(head).append(plugin).append(line).append('\n');
        }
        return out.toString();
    }
}
