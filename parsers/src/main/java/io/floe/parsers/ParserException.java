package io.floe.parsers;

/**
 * A text had the parser's format but a value in it could not be converted, e.g. a time that does not
 * parse: Fluentd's {@code ParserError}. Thrown per event on the hot path, so it carries no stack trace.
 */
public final class ParserException extends RuntimeException {
    public ParserException(String message) {
        super(message, null, false, false);
    }
}
