package io.floe.inputs.tail;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Warnings about one file that could repeat at every read or refresh (an unreadable path, invalid bytes,
 * lines that do not parse): the first is logged, then at most one a minute per file and kind, saying how
 * many were held back; with {@code ignore_repeated_permission_error} an unreadable path is logged once.
 */
final class Warnings {
    private static final long INTERVAL_NANOS = 60_000_000_000L;
    /** Files come and go for months: past this many keys, the memory of old warnings is dropped. */
    private static final int MAX_KEYS = 10_000;

    private final Logger log;
    private final boolean onceForUnreadable;
    private final Map<String, long[]> seen = new HashMap<>();

    Warnings(Logger log, boolean onceForUnreadable) {
        this.log = log;
        this.onceForUnreadable = onceForUnreadable;
    }

    /** @param key the file and kind of problem; {@code message} is logged as is */
    void warn(String key, String message, long nowNanos) {
        long[] s = seen.get(key);
        if (s == null) {
            if (seen.size() >= MAX_KEYS) {
                seen.clear();
            }
            seen.put(key, new long[] {nowNanos, 0});
            log.warn("{}", message);
            return;
        }
        if (nowNanos - s[0] >= INTERVAL_NANOS) {
            log.warn("{}{}", message, s[1] > 0 ? " (" + s[1] + " more like it since the last warning)" : "");
            s[0] = nowNanos;
            s[1] = 0;
        } else {
            s[1]++;
        }
    }

    void unreadable(String path, String message, long nowNanos) {
        if (onceForUnreadable) {
            if (seen.putIfAbsent("unreadable:" + path, new long[] {nowNanos, 0}) == null) {
                log.warn("{}", message);
            }
            return;
        }
        warn("unreadable:" + path, message, nowNanos);
    }

    /** The path is readable again: a later problem is news. */
    void clear(String path) {
        seen.remove("unreadable:" + path);
    }

    Logger log() {
        return log;
    }
}
