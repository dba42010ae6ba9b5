package io.floe.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a plugin class with the name users write in {@code @type}. The class also declares a nested
 * {@code record Config} and a public constructor {@code (Config, E)}: {@code E} is the {@link PluginContext}
 * for an input, filter or output, and what the owning plugin passes for the kinds built inside another
 * plugin's section (a parser's {@code ParserEnv}, a formatter's {@code FormatterEnv}). The kind is the plugin
 * interface the class implements (Input, Filter, Output, Parser, Formatter).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Plugin {
    /** Fluentd's {@code @type} name, e.g. {@code stdout}. */
    String type();

    /** Other names accepted for {@code @type}, e.g. {@code dummy} for {@code sample}. */
    String[] aliases() default {};

    /** One sentence for the generated docs. */
    String desc();
}
