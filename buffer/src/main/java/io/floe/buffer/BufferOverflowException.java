package io.floe.buffer;

/** A write refused because the buffer holds {@code total_limit_size} already. */
public class BufferOverflowException extends Exception {
    public BufferOverflowException(String message) {
        super(message);
    }
}
