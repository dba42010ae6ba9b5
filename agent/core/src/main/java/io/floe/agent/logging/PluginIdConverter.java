package io.floe.agent.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Prefixes a plugin's lines with its id, as Fluentd does ({@code [in_forward] ...}). */
public final class PluginIdConverter extends ClassicConverter {
    private static final String PREFIX = "plugin.";

    @Override
    public String convert(ILoggingEvent event) {
        return prefix(event.getLoggerName());
    }

    /** {@code "[id] "} for a plugin's logger, else nothing. */
    static String prefix(String loggerName) {
        return loggerName.startsWith(PREFIX) ? "[" + loggerName.substring(PREFIX.length()) + "] " : "";
    }
}
