package io.floe.agent.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Fluentd's {@code <system>} log suppression. {@code ignore_repeated_log_interval}: a line identical to
 * the one before it on the same thread, within the interval since that one was first written, is
 * dropped. {@code ignore_same_log_interval}: a line identical to any written within the interval is
 * dropped (kept across threads here: an output failing on several event loops says it once). Both off
 * (null) by default. Attached to every appender; each event is decided once.
 */
final class RepeatedLogFilter extends Filter<ILoggingEvent> {
    /** The tags seen in a long run are unbounded; the memory of lines starts over past this. */
    private static final int MAX_REMEMBERED = 10_000;

    private record Seen(String line, long firstMillis) {
    }

    private volatile Duration repeatedInterval;
    private volatile Duration sameInterval;
    private final ThreadLocal<Seen> lastOnThread = new ThreadLocal<>();
    private final Map<String, Long> firstSeen = new HashMap<>();
    private ILoggingEvent lastDecided;
    private FilterReply lastReply;

    void intervals(Duration repeated, Duration same) {
        this.repeatedInterval = repeated;
        this.sameInterval = same;
        synchronized (this) {
            firstSeen.clear();
        }
    }

    @Override
    public synchronized FilterReply decide(ILoggingEvent event) {
        if (event == lastDecided) {
            return lastReply;
        }
        lastDecided = event;
        lastReply = isRepeat(event) ? FilterReply.DENY : FilterReply.NEUTRAL;
        return lastReply;
    }

    private boolean isRepeat(ILoggingEvent event) {
        Duration repeated = repeatedInterval;
        Duration same = sameInterval;
        if (repeated == null && same == null) {
            return false;
        }
        String line = event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage();
        long now = event.getTimeStamp();
        if (repeated != null) {
            Seen last = lastOnThread.get();
            if (last != null && last.line().equals(line) && now - last.firstMillis() <= repeated.toMillis()) {
                return true;
            }
            lastOnThread.set(new Seen(line, now));
        }
        if (same != null) {
            Long first = firstSeen.get(line);
            if (first != null && now - first < same.toMillis()) {
                return true;
            }
            if (firstSeen.size() >= MAX_REMEMBERED) {
                firstSeen.clear();
            }
            firstSeen.put(line, now);
        }
        return false;
    }
}
