package io.floe.parsers;

import io.floe.api.Plugin;
import io.floe.api.PluginCatalog;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Builds the parser a {@code <parse>} section names. Parser plugins are the {@link Parser} classes of any
 * {@link PluginCatalog} on the class path (this module's {@link ParserPlugins} and third-party ones), each
 * with a public constructor {@code (ParseConfig, ParserEnv)}.
 */
public final class Parsers {
    private Parsers() {
    }

    /**
     * @throws IllegalArgumentException with a message for the user when the section is not usable (unknown
     *                                  type, missing expression, bad time_format...)
     */
    public static Parser create(ParseConfig c, ParserEnv env) {
        String type = c.type();
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("'@type' parameter is required in <parse>");
        }
        if (type.startsWith("/")) {
            // v0.12's "format /regexp/": the regexp parser with that expression.
            return create(withTypeAndExpression(c, "regexp", type), env);
        }
        Class<?> cls = find(type);
        if (cls == null) {
            throw new IllegalArgumentException("Unknown parser plugin '" + type + "'. Floe has: " + String.join(", ", types()));
        }
        try {
            return (Parser) cls.getConstructor(ParseConfig.class, ParserEnv.class).newInstance(c, env);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalArgumentException(cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(cls.getName() + " has no public (ParseConfig, ParserEnv) constructor", e);
        }
    }

    /** A {@code <pattern>} or nested {@code <parse>}. */
    public static Parser create(PatternConfig p, ParserEnv env) {
        return create(p.toParseConfig(), env);
    }

    /** The parser types on the class path, sorted. */
    public static List<String> types() {
        TreeSet<String> out = new TreeSet<>();
        for (Class<?> c : parserClasses()) {
            Plugin p = c.getAnnotation(Plugin.class);
            out.add(p.type());
            out.addAll(List.of(p.aliases()));
        }
        return List.copyOf(out);
    }

    private static Class<?> find(String type) {
        for (Class<?> c : parserClasses()) {
            Plugin p = c.getAnnotation(Plugin.class);
            if (p.type().equals(type) || List.of(p.aliases()).contains(type)) {
                return c;
            }
        }
        return null;
    }

    private static List<Class<?>> parserClasses() {
        List<Class<?>> out = new ArrayList<>(new ParserPlugins().plugins());
        for (PluginCatalog catalog : ServiceLoader.load(PluginCatalog.class, Parsers.class.getClassLoader())) {
            if (catalog instanceof ParserPlugins) {
                continue;
            }
            for (Class<?> c : catalog.plugins()) {
                if (Parser.class.isAssignableFrom(c) && c.getAnnotation(Plugin.class) != null) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static ParseConfig withTypeAndExpression(ParseConfig c, String type, String expression) {
        return new ParseConfig(type, c.types(), c.timeKey(), c.timeFormat(), c.timeFormatFallbacks(), c.timeType(),
                c.keepTimeKey(), c.nullValuePattern(), c.nullEmptyString(), c.estimateCurrentEvent(), c.timezone(), c.utc(),
                c.localtime(), c.timeout(), c.messageKey(), expression, c.ignorecase(), c.multiline(), c.jsonParser(),
                c.streamBufferSize(), c.withPriority(), c.messageFormat(), c.rfc5424TimeFormat(), c.parserType(),
                c.supportColonlessIdent(), c.keys(), c.delimiter(), c.parserEngine(), c.delimiterPattern(),
                c.labelDelimiter(), c.mergeCriFields(), c.partialKey(), c.patterns(), c.parse());
    }
}
