package io.floe.agent.testplugins;

import io.floe.api.Chunk;
import io.floe.api.Output;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.UnrecoverableException;
import io.floe.api.WriteResult;
import io.floe.api.config.Param;
import io.floe.codec.event.Event;
import io.floe.codec.event.EventStreamWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps what it is given; can fail its first writes, reject marked events, or fail for good. */
@Plugin(type = "capture", desc = "Test output that records events.")
public final class CaptureOutput implements Output {
    public record Config(
            @Param(desc = "Writes that fail before writes succeed.", dflt = "0") int failTimes,
            @Param(desc = "Writes that end in a StackOverflowError before writes succeed.", dflt = "0") int overflowTimes,
            @Param(desc = "Events with this key are rejected.", dflt = Param.NULL) String rejectKey,
            @Param(desc = "Every write fails as unrecoverable.", dflt = "false") boolean unrecoverable,
            @Param(desc = "A write of a chunk holding an event with this key fails (to be retried).", dflt = Param.NULL) String failKey,
            @Param(desc = "Buffer by default, like out_file.", dflt = "false") boolean buffered) {
    }

    /** One captured event. */
    public record Captured(String tag, Event event) {
    }

    private final Config config;
    private final AtomicInteger attempts = new AtomicInteger();
    public final List<Captured> events = new CopyOnWriteArrayList<>();
    public final List<Long> attemptMillis = new CopyOnWriteArrayList<>();
    /** The chunks whose write failed because of {@code fail_key}. */
    public final List<String> failedChunkIds = new CopyOnWriteArrayList<>();

    public CaptureOutput(Config config, PluginContext ctx) {
        this.config = config;
    }

    @Override
    public WriteResult write(Chunk chunk) throws Exception {
        attemptMillis.add(System.currentTimeMillis());
        if (config.unrecoverable()) {
            throw new UnrecoverableException("this output never accepts anything");
        }
        if (attempts.get() < config.overflowTimes()) {
            attempts.incrementAndGet();
            throw new StackOverflowError("planned stack overflow " + attempts.get());
        }
        if (attempts.incrementAndGet() <= config.failTimes() + config.overflowTimes()) {
            throw new IOException("planned failure " + attempts.get());
        }
        if (config.failKey() != null && holds(chunk, config.failKey())) {
            failedChunkIds.add(chunk.id());
            throw new IOException("chunk holds an event with key " + config.failKey());
        }
        List<Chunk.Tagged> rejected = new ArrayList<>();
        for (Chunk.Tagged t : chunk.streams()) {
            EventStreamWriter bad = new EventStreamWriter();
            for (Event e : t.events().decode()) {
                if (config.rejectKey() != null && e.record().containsKey(config.rejectKey())) {
                    bad.add(e);
                } else {
                    events.add(new Captured(t.tag(), e));
                }
            }
            if (!bad.isEmpty()) {
                rejected.add(new Chunk.Tagged(t.tag(), bad.build()));
            }
        }
        return rejected.isEmpty() ? WriteResult.ok() : WriteResult.partial(List.of(), rejected, "rejected by key " + config.rejectKey());
    }

    private static boolean holds(Chunk chunk, String key) throws IOException {
        for (Chunk.Tagged t : chunk.streams()) {
            for (Event e : t.events().decode()) {
                if (e.record().containsKey(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public boolean bufferedByDefault() {
        return config.buffered();
    }

    public int attempts() {
        return attempts.get();
    }
}
