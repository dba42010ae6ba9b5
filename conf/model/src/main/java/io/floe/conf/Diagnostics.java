package io.floe.conf;

import java.util.ArrayList;
import java.util.List;

/**
 * Warnings found while reading a configuration that do not stop the agent (deprecated syntax, ignored
 * keys). The parsers only collect them; the agent decides how to print them.
 */
public final class Diagnostics {

    /** One warning, printed as {@code fluent.conf:12: message}. */
    public record Warning(Location location, String message) {
        @Override
        public String toString() {
            return location + ": " + message;
        }
    }

    private final List<Warning> warnings = new ArrayList<>();

    public void warn(Location location, String message) {
        warnings.add(new Warning(location, message));
    }

    /** The warnings in the order they were found. */
    public List<Warning> warnings() {
        return List.copyOf(warnings);
    }

    public boolean hasWarnings() {
        return !warnings.isEmpty();
    }
}
