package io.floe.parsers;

import io.floe.conf.ConfigElement;
import io.floe.parsers.regexp.RegexpParser;

/**
 * Builds the parser a {@code <parse>} section (or a multi_format {@code <pattern>}, cri's nested
 * {@code <parse>}) names: the {@link Parser} plugin its {@code @type} finds in the registry
 * ({@link ParserEnv#plugins()}), built from the section by the registry: its own {@code Config} bound, its
 * public constructor {@code (Config, ParserEnv)} called.
 */
public final class Parsers {
    private Parsers() {
    }

    /**
     * @throws IllegalArgumentException with a message for the user when the section is not usable (unknown
     *                                  type, missing expression, bad time_format...)
     * @throws io.floe.conf.ConfigException when a parameter does not bind (a bad value), as the binder says it
     */
    public static Parser create(ConfigElement section, ParserEnv env) {
        return create(section.getText("@type"), section, env);
    }

    /** The parser {@code type} names (a v0.12 {@code format}, a pattern's), with the section's parameters. */
    public static Parser create(String type, ConfigElement section, ParserEnv env) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("'@type' parameter is required in <parse>");
        }
        if (type.startsWith("/")) {
            // v0.12's "format /regexp/": the regexp parser with that expression.
            return regexp(type, section, env);
        }
        Class<?> cls = env.plugins().find(Parser.class, type);
        if (cls == null) {
            throw new IllegalArgumentException("Unknown parser plugin '" + type + "'. Floe has: "
                    + String.join(", ", env.plugins().types(Parser.class)));
        }
        return (Parser) env.plugins().build(cls, section, env);
    }

    /** The regexp parser with this expression and the section's other parameters (tail's multiline). */
    public static Parser regexp(String expression, ConfigElement section, ParserEnv env) {
        return new RegexpParser(env.plugins().bind(RegexpParser.Config.class, section).withExpression(expression), env);
    }

    /** The parser type a multi_format {@code <pattern>} names: {@code format}, or {@code @type}. */
    public static String patternType(ConfigElement pattern) {
        String format = pattern.getText("format");
        return format != null ? format : pattern.getText("@type");
    }
}
