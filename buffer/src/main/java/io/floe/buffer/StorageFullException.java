package io.floe.buffer;

/**
 * A write refused because the buffer's storage has no room (a full disk, a quota, a read-only file system),
 * although {@code total_limit_size} is not reached. The buffer logs these itself, once per interval.
 */
public class StorageFullException extends BufferOverflowException {
    public StorageFullException(String message) {
        super(message);
    }
}
