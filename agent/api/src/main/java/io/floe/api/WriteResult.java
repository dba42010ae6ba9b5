package io.floe.api;

import io.floe.codec.event.EventStream;
import java.util.List;

/**
 * How a write went. {@code retry} holds what must be tried again (only the failed part of a chunk);
 * {@code rejected} holds what can never succeed (a mapping conflict), with the reason; the engine sends
 * it to {@code @ERROR}.
 */
public record WriteResult(List<Chunk.Tagged> retry, List<Chunk.Tagged> rejected, String reason) {
    private static final WriteResult OK = new WriteResult(List.of(), List.of(), null);

    public static WriteResult ok() {
        return OK;
    }

    public static WriteResult partial(List<Chunk.Tagged> retry, List<Chunk.Tagged> rejected, String reason) {
        return new WriteResult(List.copyOf(retry), List.copyOf(rejected), reason);
    }

    public boolean isOk() {
        return retry.isEmpty() && rejected.isEmpty();
    }
}
