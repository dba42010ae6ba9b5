package io.floe.inputs.forward;

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

/** A router that keeps what is emitted; what each emit's stage does is up to the test. */
final class RecordingRouter implements EventRouter {
    /** One emit: the tag, the stream as handed over, and its events decoded. */
    record Emit(String tag, EventStream stream, List<Event> events) {
    }

    final List<Emit> emits = new CopyOnWriteArrayList<>();
    /** Streams the input let through that do not decode: always a bug in the input. */
    final List<String> problems = new CopyOnWriteArrayList<>();
    volatile Function<Emit, CompletionStage<Void>> outcome = e -> CompletableFuture.completedFuture(null);

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
        Emit e = new Emit(tag, events, decoded);
        emits.add(e);
        return outcome.apply(e);
    }

    List<Event> events() {
        List<Event> out = new ArrayList<>();
        emits.forEach(e -> out.addAll(e.events()));
        return out;
    }

    List<Map<String, Object>> records() {
        return events().stream().map(Event::record).toList();
    }

    int count() {
        return emits.stream().mapToInt(e -> e.events().size()).sum();
    }
}
