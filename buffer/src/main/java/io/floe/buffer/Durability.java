package io.floe.buffer;

/**
 * When a file buffer forces its writes to the disk. Every mode survives {@code kill -9} (the data is in
 * the page cache the moment a write returns); the modes differ in what survives power loss.
 */
public enum Durability {
    /** Never forced; the kernel writes back within its own delay (about 30 s on Linux). */
    OFF,
    /** Forced every {@code sync_interval}: at most that long of writes is lost with the power. */
    INTERVAL,
    /** Forced before each write returns: an acknowledged event survives power loss. */
    ALWAYS
}
