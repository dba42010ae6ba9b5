package io.floe.agent.config;

import io.floe.conf.ConfigException;
import java.util.List;
import java.util.stream.Collectors;

/** Every error found in a configuration, reported together so a user fixes them in one pass. */
public final class ConfigErrors extends Exception {
    private final List<ConfigException> errors;

    public ConfigErrors(List<ConfigException> errors) {
        super(errors.stream().map(ConfigException::getMessage).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigException> errors() {
        return errors;
    }
}
