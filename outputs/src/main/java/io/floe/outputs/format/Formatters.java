package io.floe.outputs.format;

import io.floe.api.PluginTypes;
import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigException;
import java.time.ZoneId;

/**
 * Builds the formatter a {@code <format>} section asks for: the {@link Formatter} plugin its {@code @type}
 * finds in the registry, built from the section by the registry: its own {@code Config} bound, its public
 * constructor {@code (Config, FormatterEnv)} called.
 */
public final class Formatters {
    private Formatters() {
    }

    /**
     * @param defaultType the owning plugin's default {@code @type}
     * @param legacy      the owner's v0.12 parameters (type, time settings, output_type)
     * @param localZone   what Fluentd calls local time: the process's zone outside tests
     * @throws ConfigException          when the section does not bind, as the binder says it
     * @throws IllegalArgumentException when the owner's v0.12 parameters name no formatter
     */
    public static Formatter create(ConfigElement section, String defaultType, FormatConfig.Legacy legacy, ZoneId localZone,
                                   PluginTypes plugins) {
        String written = section.getText("@type");
        String type = written != null ? written : legacy.type() != null ? legacy.type() : defaultType;
        FormatterEnv env = new FormatterEnv(localZone, plugins, section, legacy);
        if (written != null && plugins.find(Formatter.class, type) == null) {
            throw new ConfigException(section.location(), "<" + section.name() + ">: " + unknown(type, plugins));
        }
        return create(type, env);
    }

    /** The formatter {@code type} names, bound from the environment's section (stdout's output_type). */
    public static Formatter create(String type, FormatterEnv env) {
        Class<?> cls = env.plugins().find(Formatter.class, type);
        if (cls == null) {
            throw new IllegalArgumentException(unknown(type, env.plugins()));
        }
        return (Formatter) env.plugins().build(cls, env.section(), env);
    }

    private static String unknown(String type, PluginTypes plugins) {
        return "unknown format type '" + type + "' (Floe has " + String.join(", ", plugins.types(Formatter.class)) + ")";
    }
}
