package io.floe.inputs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that keeps every line, so tests of an input can check what was logged and how often. */
public final class RecordingLogger extends LegacyAbstractLogger {
    public record Line(Level level, String text) {
    }

    public final List<Line> lines = new CopyOnWriteArrayList<>();
    private final boolean trace;

    public RecordingLogger(String name, boolean trace) {
        this.name = name;
        this.trace = trace;
    }

    public List<String> at(Level level) {
        return lines.stream().filter(l -> l.level() == level).map(Line::text).toList();
    }

    public List<String> warnings() {
        return at(Level.WARN);
    }

    public boolean has(Level level, String fragment) {
        return at(level).stream().anyMatch(s -> s.contains(fragment));
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
        lines.add(new Line(level, MessageFormatter.basicArrayFormat(pattern, args)));
    }

    @Override
    public boolean isTraceEnabled() {
        return trace;
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }
}
