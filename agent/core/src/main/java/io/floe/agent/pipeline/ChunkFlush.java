package io.floe.agent.pipeline;

import io.floe.api.FatalErrors;
import io.floe.api.PluginMetrics;
import io.floe.api.UnrecoverableException;
import io.floe.api.WriteResult;
import io.floe.buffer.BufferChunk;
import io.floe.buffer.ChunkBuffer;
import io.floe.buffer.Segment;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;

/**
 * One flush of a chunk a flush thread took from the queue, and what its outcome does to the chunk: purged
 * once written, put back (whole or the part the output asked to retry) while retries last, given up to
 * {@code <secondary>} or the backup when they are used up or the error is unrecoverable.
 */
record ChunkFlush(ChunkWriter writer, Retries retries, GiveUp giveUp, FillReport fill, PluginMetrics metrics, Logger log) {

    void flush(ChunkBuffer buffer, BufferChunk c) {
        try {
            WriteResult r = writer.write(c);
            if (!r.retry().isEmpty()) {
                failed(buffer, c, GiveUp.segments(r.retry()), new java.io.IOException(r.reason() == null ? "some events must be retried" : r.reason()));
                return;
            }
            buffer.purge(c);
            fill.report(buffer);
            retries.succeeded();
        } catch (UnrecoverableException e) {
            metrics.numErrors.increment();
            log.warn("got unrecoverable error in primary output chunk=\"{}\" error=\"{}\"", c.id(), e.getMessage());
            giveUp(buffer, c, c.segments(), e);
        } catch (Exception e) {
            metrics.numErrors.increment();
            failed(buffer, c, null, e);
        } catch (Error e) {
            // An error the JVM cannot go on after ends the process; any other (a plugin's stack overflow, a class
            // that failed to load) fails this attempt like an exception: escaping, it would end the flush thread
            // and leave the chunk taken, so the output would never write again.
            FatalErrors.exitIfFatal(e);
            metrics.numErrors.increment();
            failed(buffer, c, null, new IllegalStateException(e.toString(), e));
        }
    }

    /**
     * A write of {@code c} failed, all of it ({@code rest} null) or only {@code rest}: the chunk goes back to
     * the queue for a retry, or, once the retries are used up, this chunk (not whichever is at the queue's
     * head: another flush thread may hold chunks never tried) is given up.
     */
    private void failed(ChunkBuffer buffer, BufferChunk c, List<Segment> rest, Exception e) {
        long now = System.currentTimeMillis();
        RetryState r = retries.failed(now);
        metrics.retryCount.increment();
        if (retries.exhausted(r, now)) {
            log.warn("failed to flush the buffer, and hit limit for retries. retry_times={} chunk=\"{}\" error=\"{}\"", r.steps(), c.id(), e.toString());
            giveUp(buffer, c, rest == null ? c.segments() : rest, e);
            retries.reset();
            return;
        }
        if (rest == null) {
            buffer.takeBack(c);
        } else {
            buffer.takeBackPartly(c, rest);
        }
        log.warn("failed to flush the buffer. retry_times={} next_retry_time={} chunk=\"{}\" error_class={} error=\"{}\"",
                r.steps(), Instant.ofEpochMilli(r.nextMillis()), c.id(), e.getClass().getName(), e.getMessage());
    }

    /** {@code part} of chunk {@code c} goes to the secondary or the backup; the chunk is done with after. */
    private void giveUp(ChunkBuffer buffer, BufferChunk c, List<Segment> part, Exception cause) {
        giveUp.handle(c, part, cause);
        buffer.purge(c);
        fill.report(buffer);
    }
}
