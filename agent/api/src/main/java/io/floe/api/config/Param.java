package io.floe.api.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A config parameter on a plugin's {@code Config} record component: its Fluentd name, description and
 * default, in one place that both binds and documents it. The name defaults to the component name in
 * snake_case.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Param {
    /** No default: the parameter is required. */
    String REQUIRED = "\u0000required";
    /** Optional; the component is null when the parameter is absent. */
    String NULL = "\u0000null";

    String name() default "";

    String desc();

    /** The default as it would be written in fluent.conf ({@code 8m}, {@code 60s}, {@code true}). */
    String dflt() default REQUIRED;

    String[] aliases() default {};

    /** Masked in config dumps and the monitor. */
    boolean secret() default false;

    /** When non-empty, using the parameter logs this deprecation text. */
    String deprecated() default "";
}
