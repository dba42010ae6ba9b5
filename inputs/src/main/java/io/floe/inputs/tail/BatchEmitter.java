package io.floe.inputs.tail;

import io.floe.api.PluginContext;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import java.util.concurrent.ExecutionException;

/**
 * The batch being read from one file and how it leaves: through the router, waiting until every output
 * holds it (a file buffer: on disk), because only then may the position move past its lines. Lines that
 * did not parse, with emit_unmatched_lines off, leave through {@code @ERROR}.
 */
final class BatchEmitter {
    final EventStreamWriter errors = new EventStreamWriter(1024);
    /** Replaced after every batch: an output may keep the bytes it was handed (a memory buffer does). */
    private EventStreamWriter out = new EventStreamWriter(64 << 10);
    private final PluginContext ctx;
    private Throwable lastFailure;

    BatchEmitter(PluginContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Sends what was collected; true once the outputs hold it (or there was nothing). On false the batch is
     * gone and the caller must read its lines again.
     */
    boolean emit(String tag) throws InterruptedException {
        if (!errors.isEmpty()) {
            EventStream failed = errors.build();
            ctx.emitError(tag, failed, "pattern not matched");
        }
        if (out.isEmpty()) {
            return true;
        }
        EventStream events = out.build();
        // Sized like the last batch, so the next one is not built by doubling and copying.
        out = new EventStreamWriter(events.length() + events.length() / 8);
        try {
            ctx.router().emit(tag, events).toCompletableFuture().get();
            ctx.metrics().emitted(events);
            return true;
        } catch (ExecutionException e) {
            io.floe.api.FatalErrors.exitIfFatal(e.getCause());
            lastFailure = e.getCause();
            ctx.metrics().numErrors.increment();
            return false;
        } catch (RuntimeException e) {
            lastFailure = e;
            ctx.metrics().numErrors.increment();
            return false;
        }
    }

    EventStreamWriter out() {
        return out;
    }

    /** Drops a collected batch that will be read again. */
    void discard() {
        out.reset();
        errors.reset();
    }

    Throwable lastFailure() {
        return lastFailure;
    }
}
