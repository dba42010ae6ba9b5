package io.floe.conf;

/**
 * One parameter value as written, before any typing: the text after quotes and escapes were resolved,
 * where it was written, and how it was quoted (the config dump keeps Fluentd's quoting).
 */
public record ConfigValue(String text, Location location, Quoting quoting) {

    public enum Quoting { BARE, SINGLE, DOUBLE, JSON, NONE }

    public static ConfigValue bare(String text, Location location) {
        return new ConfigValue(text, location, Quoting.BARE);
    }
}
