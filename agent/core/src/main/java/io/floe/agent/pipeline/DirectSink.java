package io.floe.agent.pipeline;

import io.floe.api.Chunk;
import io.floe.api.Output;
import io.floe.api.PluginMetrics;
import io.floe.api.WriteResult;
import io.floe.codec.event.EventStream;

/** An output without a buffer: it writes in the emitting thread, as Fluentd's non-buffered outputs do. */
public final class DirectSink implements Sink {
    private final Output output;
    private final PluginMetrics metrics;
    private final ErrorSink errors;

    public DirectSink(Output output, PluginMetrics metrics, ErrorSink errors) {
        this.output = output;
        this.metrics = metrics;
        this.errors = errors;
    }

    @Override
    public void accept(String tag, EventStream events) throws Exception {
        metrics.emitted(events);
        WriteResult r;
        try {
            r = output.write(Chunk.of(tag, events));
        } catch (Exception e) {
            metrics.numErrors.increment();
            throw e;
        }
        metrics.writeCount.increment();
        if (!r.rejected().isEmpty()) {
            for (Chunk.Tagged t : r.rejected()) {
                errors.emitError(t.tag(), t.events(), r.reason());
            }
        }
        if (!r.retry().isEmpty()) {
            metrics.numErrors.increment();
            throw new java.io.IOException("output could not write " + r.retry().size() + " part(s): " + r.reason());
        }
    }

    @Override
    public void start() throws Exception {
        output.start();
    }

    @Override
    public void stop() {
        output.stop();
    }
}
