package io.floe.inputs;

import io.floe.api.EventRouter;
import io.floe.codec.event.Event;
import io.floe.codec.event.EventStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A router that keeps what an input emitted, for every input's tests; what each emit's stage does is up to the test.
 * An emit whose stage has already failed when it returns was not taken: the input must send those events again, so
 * they are not kept.
 */
public final class RecordingRouter implements EventRouter {
    /** One emit taken: the tag, the stream as handed over, its events decoded, and {@link System#nanoTime()} then. */
    public record Emit(String tag, EventStream stream, List<Event> events, long nanoTime) {
    }

    public final List<Emit> emits = new CopyOnWriteArrayList<>();
    /** Streams the input let through that do not decode: always a bug in the input. */
    public final List<String> problems = new CopyOnWriteArrayList<>();
    /** What an emit's stage does; tests hold it back or fail it to see the input wait, refuse or read again. */
    public volatile Function<Emit, CompletionStage<Void>> outcome = e -> CompletableFuture.completedFuture(null);

    @Override
    public CompletionStage<Void> emit(String tag, EventStream events) {
        List<Event> decoded;
        try {
            decoded = events.decode();
        } catch (IOException | RuntimeException e) {
            problems.add("undecodable stream for " + tag + ": " + e);
            throw new UncheckedIOException(new IOException("the input emitted an undecodable stream", e));
        }
        if (decoded.size() != events.count()) {
            problems.add("stream for " + tag + " says " + events.count() + " events but holds " + decoded.size());
            throw new IllegalStateException(problems.get(problems.size() - 1));
        }
        Emit e = new Emit(tag, events, decoded, System.nanoTime());
        CompletionStage<Void> result = outcome.apply(e);
        if (!result.toCompletableFuture().isCompletedExceptionally()) {
            emits.add(e);
        }
        return result;
    }

    public List<Event> events() {
        List<Event> out = new ArrayList<>();
        emits.forEach(e -> out.addAll(e.events()));
        return out;
    }

    public List<Map<String, Object>> records() {
        return events().stream().map(Event::record).toList();
    }

    /** The value of one field of every record, in order. */
    public List<Object> field(String key) {
        return records().stream().map(r -> r.get(key)).toList();
    }

    public int count() {
        return emits.stream().mapToInt(e -> e.events().size()).sum();
    }
}
