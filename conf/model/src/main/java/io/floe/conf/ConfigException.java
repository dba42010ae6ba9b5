package io.floe.conf;

/**
 * A configuration the agent refuses to run: names the file and line and says what was expected.
 * The message reads {@code fluent.conf:12: unknown output plugin 'elastcsearch'}.
 */
public class ConfigException extends RuntimeException {
    private final Location location;
    private final String detail;

    public ConfigException(Location location, String detail) {
        super(location + ": " + detail);
        this.location = location;
        this.detail = detail;
    }

    public ConfigException(Location location, String detail, Throwable cause) {
        super(location + ": " + detail, cause);
        this.location = location;
        this.detail = detail;
    }

    public Location location() {
        return location;
    }

    /** The message without the location prefix. */
    public String detail() {
        return detail;
    }
}
