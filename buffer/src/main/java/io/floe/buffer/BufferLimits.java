package io.floe.buffer;

/**
 * The sizes a buffer enforces, in bytes and records.
 *
 * @param chunkLimitSize     a staged chunk is queued before it would grow past this
 * @param chunkLimitRecords  ... or past this many records (0: no limit)
 * @param totalLimitSize     staged plus queued bytes never exceed this
 * @param overflowAction     what a write does at the total limit
 */
public record BufferLimits(long chunkLimitSize, long chunkLimitRecords, long totalLimitSize, OverflowAction overflowAction) {
}
