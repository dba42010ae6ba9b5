package io.floe.buffer;

import java.util.Map;

/**
 * The values of a buffer's chunk keys shared by every event of a chunk: the tag (when {@code tag} is a
 * key), the time slice start (when {@code time} is), and record-field keys. Absent parts are null / -1.
 */
public record ChunkKey(String tag, long timekey, Map<String, String> variables) {
    public static final ChunkKey NONE = new ChunkKey(null, -1, Map.of());
}
