package io.floe.agent.pipeline;

import io.floe.api.Chunk;
import io.floe.api.Output;
import io.floe.api.PluginMetrics;
import io.floe.api.WriteResult;
import io.floe.buffer.BufferChunk;
import io.floe.buffer.Segment;
import io.floe.codec.event.EventStream;
import java.time.Duration;
import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Writes one buffered chunk to the output and counts the attempt as Fluentd's monitor does (writes,
 * rollbacks, flush time, slow flushes); the events the output rejected go to the error sink.
 */
record ChunkWriter(Output output, ChunkKeys keys, PluginMetrics metrics, ErrorSink errors, Duration slowFlushThreshold, Logger log) {

    /** Writes all of {@code c}; throws as the output did (a rollback). */
    WriteResult write(BufferChunk c) throws Exception {
        long t0 = System.nanoTime();
        WriteResult r;
        try {
            r = output.write(view(c, c.segments()));
        } catch (Exception e) {
            metrics.rollbackCount.increment();
            throw e;
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        metrics.writeCount.increment();
        metrics.flushTimeCount.add(ms);
        if (ms > slowFlushThreshold.toMillis()) {
            metrics.slowFlushCount.increment();
            log.warn("buffer flush took longer time than slow_flush_log_threshold: elapsed_time={} slow_flush_log_threshold={} chunk=\"{}\"",
                    ms / 1000.0, slowFlushThreshold.toMillis() / 1000.0, c.id());
        }
        for (Chunk.Tagged t : r.rejected()) {
            errors.emitError(t.tag(), t.events(), r.reason());
        }
        return r;
    }

    /** The output's view of {@code segments} of chunk {@code c}; a file chunk's batches are read from disk as the output reaches them. */
    Chunk view(BufferChunk c, List<Segment> segments) {
        List<Chunk.Tagged> streams = new AbstractList<>() {
            @Override
            public Chunk.Tagged get(int i) {
                Segment s = segments.get(i);
                return new Chunk.Tagged(s.tag(), new EventStream(s.data(), s.offset(), s.length(), s.records()));
            }

            @Override
            public int size() {
                return segments.size();
            }
        };
        Chunk.TimeSlice slice = keys.hasTime() ? new Chunk.TimeSlice(c.key().timekey(), keys.timekeySeconds(), keys.zone()) : null;
        return new Chunk(c.id(), c.key().tag(), slice, c.key().variables(), streams);
    }
}
