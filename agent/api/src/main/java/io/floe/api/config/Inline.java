package io.floe.api.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A record component whose record's parameters are written in the same section: the parameters several
 * plugins share (every parser's {@code time_key}, every formatter's {@code time_format}), composed into
 * each plugin's {@code Config} instead of repeated in it. The docs list them once, under {@link #title()}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Inline {
    /** The heading the shared parameters are listed under in the docs, e.g. {@code parser common parameters}. */
    String title();
}
