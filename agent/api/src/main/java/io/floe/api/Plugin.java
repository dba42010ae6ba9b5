package io.floe.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an input, filter or output class with the name users write in {@code @type}. The class also
 * declares a nested {@code record Config} and a public constructor {@code (Config, PluginContext)}.
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
