package io.floe.inputs.tail;

import io.floe.api.EventRouter;
import io.floe.codec.event.Event;
import io.floe.codec.event.EventStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import io.floe.testkit.FakeContext;
import io.floe.testkit.RecordingLogger;
import org.slf4j.event.Level;
import java.util.concurrent.CopyOnWriteArrayList;

/** The engine as one tail source sees it: a router and an @ERROR label that record, a logger that keeps lines. */
final class TailContext extends FakeContext {
    /** One emit as the router got it. */
    record Emit(String tag, List<Event> events) {
    }

    final List<Emit> emits = new CopyOnWriteArrayList<>();
    /** System.nanoTime() of each emit the router took. */
    final List<Long> emitTimes = new CopyOnWriteArrayList<>();
    final List<Emit> errors = new CopyOnWriteArrayList<>();
    /** What an emit's stage does; tests make it fail to see a rewind. */
    volatile Function<Emit, CompletionStage<Void>> outcome = e -> CompletableFuture.completedFuture(null);

    TailContext() {
        super("test_tail", "tail", new RecordingLogger("test_tail", Level.DEBUG));
        dataDir(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Override
    public EventRouter router() {
        return (tag, events) -> {
            Emit e = new Emit(tag, decode(events));
            CompletionStage<Void> result = outcome.apply(e);
            if (!result.toCompletableFuture().isCompletedExceptionally()) {
                emits.add(e);
                emitTimes.add(System.nanoTime());
            }
            return result;
        };
    }

    @Override
    public void emitError(String tag, EventStream events, String reason) {
        errors.add(new Emit(tag, decode(events)));
    }

    private static List<Event> decode(EventStream s) {
        try {
            return s.decode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Event> events() {
        List<Event> out = new ArrayList<>();
        emits.forEach(e -> out.addAll(e.events()));
        return out;
    }

    List<Map<String, Object>> records() {
        return events().stream().map(Event::record).toList();
    }

    /** The value of one field of every record, in order. */
    List<Object> field(String key) {
        return records().stream().map(r -> r.get(key)).toList();
    }

    int count() {
        return emits.stream().mapToInt(e -> e.events().size()).sum();
    }

}
