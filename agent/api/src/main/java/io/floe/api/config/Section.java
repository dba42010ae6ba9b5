package io.floe.api.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A nested section ({@code <server>}, {@code <format>}) on a record component whose type is a record
 * (one section; bound from an empty section when absent, so defaults apply), a {@code List} of records
 * (any number) or a {@code Map<String, String>} (a free-form section such as record_transformer's
 * {@code <record>}: its parameters as written, in order; several such sections merge). A section that names a plugin of its own ({@code <parse>}, {@code <format>}: its
 * parameters depend on its {@code @type}) is a {@link io.floe.conf.ConfigElement} (or a list of them) with
 * {@link #kind()} set; the owning plugin builds that plugin from it through the registry.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Section {
    String name() default "";

    String desc();

    /** For a single section: at least one must be written. For a list: at least one element. */
    boolean required() default false;

    /** The plugin kind whose {@code @type} this section names ({@code parser}, {@code formatter}); empty for a record. */
    String kind() default "";
}
