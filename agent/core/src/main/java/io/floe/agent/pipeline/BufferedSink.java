package io.floe.agent.pipeline;

import io.floe.api.Output;
import io.floe.api.PluginMetrics;
import io.floe.api.monitor.BufferStatus;
import io.floe.api.monitor.RetryStatus;
import io.floe.buffer.BufferChunk;
import io.floe.buffer.BufferOverflowException;
import io.floe.buffer.ChunkBuffer;
import io.floe.buffer.ChunkKey;
import io.floe.buffer.Segment;
import io.floe.codec.event.EventStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * An output behind a buffer, as Fluentd runs buffered outputs: emits land in staged chunks; chunks are
 * queued when full or due ({@link FlushSchedule}); flush threads ({@link FlushThreads}) take queued chunks
 * and flush them ({@link ChunkFlush}): purged only after the output confirmed the write, put back into
 * Fluentd's retry schedule ({@link Retries}) when it failed, given to {@code <secondary>} or the backup
 * ({@link GiveUp}) when retries run out. Counters and the monitor's view are {@link BufferGauge}'s, flow
 * control {@link FillReport}'s. This class only wires them and runs the sink's life cycle.
 */
public final class BufferedSink implements Sink {
    private final Output output;
    private final Output secondary;
    private final BufferFactory bufferFactory;
    private volatile ChunkBuffer buffer;
    private final BufferConfig cfg;
    private final ChunkKeys keys;
    private final FlushSchedule schedule;
    private final FlushThreads threads = new FlushThreads();
    private final ChunkWriter writer;
    private final Retries retries;
    private final ChunkFlush chunkFlush;
    private final ChunkBackup backup;
    private final BufferGauge gauge;
    private final FillReport fill;
    private final Logger log;

    /** Opens the buffer when the sink starts: a dry run opens no file. */
    @FunctionalInterface
    public interface BufferFactory {
        ChunkBuffer open() throws java.io.IOException;
    }

    public BufferedSink(Output output, Output secondary, BufferFactory buffer, BufferConfig cfg, ChunkKeys keys,
                        PluginMetrics metrics, ErrorSink errors, ChunkBackup backup, Duration slowFlushThreshold, Logger log) {
        this.output = output;
        this.secondary = secondary;
        this.bufferFactory = buffer;
        this.cfg = cfg;
        this.keys = keys;
        this.schedule = new FlushSchedule(cfg, keys);
        this.writer = new ChunkWriter(output, keys, metrics, errors, slowFlushThreshold, log);
        this.retries = new Retries(cfg, secondary != null, log);
        this.fill = new FillReport(cfg.overflowAction());
        GiveUp giveUp = new GiveUp(secondary, backup, cfg.disableChunkBackup(), writer::view, log);
        this.chunkFlush = new ChunkFlush(writer, retries, giveUp, fill, metrics, log);
        this.backup = backup;
        this.gauge = new BufferGauge(metrics, cfg.overflowAction(), log);
        this.log = log;
    }

    /** The buffer, once started; null before. */
    public ChunkBuffer buffer() {
        return buffer;
    }

    /** The buffer's state for the monitor; null before the sink starts. */
    public BufferStatus monitorStatus() {
        return gauge.status(buffer);
    }

    /** The current retry sequence for the monitor; null while not retrying. */
    public RetryStatus retryStatus() {
        return retries.status();
    }

    /** With {@code overflow_action block}, reports this buffer's fill so inputs pause before it is full. */
    public void flowControl(FlowControl flow) {
        fill.attach(flow);
    }

    @Override
    public void accept(String tag, EventStream events) throws Exception {
        gauge.emitted(events);
        for (Map.Entry<ChunkKey, Segment> part : keys.split(tag, events).entrySet()) {
            try {
                buffer.write(part.getKey(), part.getValue());
            } catch (BufferOverflowException e) {
                gauge.refused(e);
                throw e;
            }
        }
        if (schedule.immediate()) {
            buffer.enqueue(c -> true);
        }
        fill.report(buffer);
        gauge.reportDrops(buffer);
    }

    @Override
    public void start() throws Exception {
        buffer = bufferFactory.open();
        output.start();
        if (secondary != null) {
            secondary.start();
        }
        threads.start(cfg.flushThreadCount(), this::flushLoop);
    }

    @Override
    public void flushNow() {
        if (buffer == null) {
            return;
        }
        log.info("flushing all buffer forcedly");
        buffer.enqueue(c -> true);
        retries.retryNow(System.currentTimeMillis());
        threads.signal();
    }

    @Override
    public void stop() {
        if (buffer == null) {
            return;
        }
        threads.halt();
        buffer.wakeUp();
        threads.join();
        if (cfg.flushAtShutdownOrDefault()) {
            flushAtShutdown();
        }
        buffer.close();
        output.stop();
        if (secondary != null) {
            secondary.stop();
        }
    }

    /** One attempt per chunk, as Fluentd flushes memory buffers once at shutdown. */
    private void flushAtShutdown() {
        buffer.enqueue(c -> true);
        BufferChunk c;
        while ((c = buffer.take()) != null) {
            try {
                writer.write(c);
            } catch (Exception e) {
                buffer.purge(c);
                backup.save(c, "could not be written at shutdown: " + e);
            }
        }
    }

    private void flushLoop() {
        while (threads.running()) {
            try {
                long now = System.currentTimeMillis();
                long retryAt = retries.nextMillis();
                if (retryAt > now) {
                    threads.sleep(TimeUnit.MILLISECONDS.toNanos(retryAt - now));
                    continue;
                }
                schedule.enqueueDue(buffer);
                BufferChunk c = buffer.take();
                if (c == null) {
                    // An input's fill report computed before the last purge may arrive after it and pause the
                    // inputs on an empty buffer; with nothing left to purge, only this re-check resumes them.
                    fill.report(buffer);
                    if (!buffer.awaitQueued(schedule.nanosUntilNextDue(buffer))) {
                        buffer.maintain();
                    }
                    continue;
                }
                chunkFlush.flush(buffer, c);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("unexpected error in flush thread", e);
            }
        }
    }
}
