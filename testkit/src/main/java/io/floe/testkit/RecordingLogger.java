package io.floe.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that keeps every line it is enabled for, so a test can check what a plugin logged and how often. */
public final class RecordingLogger extends LegacyAbstractLogger {
    /** One logged line, its arguments filled in; prints as {@code LEVEL text}. */
    public record Line(Level level, String text) {
        @Override
        public String toString() {
            return level + " " + text;
        }
    }

    public final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Level lowest;

    /** Keeps every level, TRACE included. */
    public RecordingLogger(String name) {
        this(name, Level.TRACE);
    }

    /** Keeps {@code lowest} and every level above it; the plugin sees the ones below as disabled. */
    public RecordingLogger(String name, Level lowest) {
        this.name = name;
        this.lowest = lowest;
    }

    public List<String> at(Level level) {
        return lines.stream().filter(l -> l.level() == level).map(Line::text).toList();
    }

    public List<String> errors() {
        return at(Level.ERROR);
    }

    public List<String> warnings() {
        return at(Level.WARN);
    }

    public List<String> infos() {
        return at(Level.INFO);
    }

    public boolean has(Level level, String fragment) {
        return at(level).stream().anyMatch(s -> s.contains(fragment));
    }

    /** Every line as {@code LEVEL text}, in order. */
    public List<String> formatted() {
        return lines.stream().map(Line::toString).toList();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
        lines.add(new Line(level, MessageFormatter.basicArrayFormat(pattern, args)));
    }

    private boolean keeps(Level level) {
        return level.toInt() >= lowest.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return keeps(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return keeps(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return keeps(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return keeps(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return keeps(Level.ERROR);
    }
}
