package io.floe.buffer;

/** One appended batch inside a chunk: the tag it was emitted with and its msgpack entries. */
public record Segment(String tag, byte[] data, int offset, int length, int records) {
}
