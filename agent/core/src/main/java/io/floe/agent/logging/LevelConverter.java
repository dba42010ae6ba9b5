package io.floe.agent.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Locale;

/** Levels as Fluentd writes them: {@code info}, {@code warn}. */
public final class LevelConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return event.getLevel().toString().toLowerCase(Locale.ROOT);
    }
}
