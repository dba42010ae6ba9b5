package io.floe.conf.parse;

import io.floe.conf.ConfigElement;
import io.floe.conf.Diagnostics;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/** Reads a configuration file in whichever of Fluentd's two formats its name says. */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static ConfigElement load(Path file, Diagnostics diag) {
        return load(file, diag, System::getenv);
    }

    /** As {@link #load(Path, Diagnostics)} with {@code env} answering {@code #{ENV[...]}} lookups. */
    public static ConfigElement load(Path file, Diagnostics diag, Function<String, String> env) {
        return isYaml(file) ? YamlConfigParser.parse(file, diag, env) : FluentConfParser.parse(file, diag, env);
    }

    /** YAML for {@code .yaml}/{@code .yml} (as Fluentd decides), fluent.conf syntax for anything else. */
    public static boolean isYaml(Path file) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }
}
