package io.floe.api;

/**
 * Thrown by an output when retrying a chunk cannot help (it can never be written as it is). The engine
 * skips the retries and hands the chunk to {@code <secondary>}, or backs it up to disk.
 */
public class UnrecoverableException extends Exception {
    public UnrecoverableException(String message) {
        super(message);
    }

    public UnrecoverableException(String message, Throwable cause) {
        super(message, cause);
    }
}
