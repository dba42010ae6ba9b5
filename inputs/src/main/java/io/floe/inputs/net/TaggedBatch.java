package io.floe.inputs.net;

import io.floe.api.PluginContext;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * The events one socket read gave, by tag (syslog's tag carries each message's facility and severity), handed to the
 * router together once the read is over. One per connection (or datagram socket), on its event loop.
 */
public final class TaggedBatch {
    private final Map<String, EventStreamWriter> byTag = new LinkedHashMap<>(4);

    public EventStreamWriter to(String tag) {
        return byTag.computeIfAbsent(tag, t -> new EventStreamWriter());
    }

    /**
     * Emits each tag's events (counted in the plugin's emit metrics) and empties the batch; {@code completed} gets each
     * emit's events and its error (null when the buffer took them), on whatever thread completes it. Returns how many
     * emits were made.
     */
    public int emit(PluginContext plugin, BiConsumer<EventStream, Throwable> completed) {
        int emits = 0;
        for (Map.Entry<String, EventStreamWriter> e : byTag.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            emits++;
            EventStream events = e.getValue().build();
            plugin.metrics().emitted(events);
            CompletionStage<Void> stage;
            try {
                stage = plugin.router().emit(e.getKey(), events);
            } catch (RuntimeException refused) {
                stage = CompletableFuture.failedFuture(refused);
            }
            stage.whenComplete((ok, err) -> completed.accept(events, err));
        }
        byTag.clear();
        return emits;
    }
}
