package io.floe.agent.pipeline;

import io.floe.api.Chunk;
import io.floe.api.FatalErrors;
import io.floe.api.Output;
import io.floe.api.PluginMetrics;
import io.floe.api.UnrecoverableException;
import io.floe.api.WriteResult;
import io.floe.codec.event.EventStream;
import io.floe.api.monitor.BufferStatus;
import io.floe.api.monitor.RetryStatus;
import io.floe.buffer.BufferChunk;
import io.floe.buffer.BufferOverflowException;
import io.floe.buffer.ChunkBuffer;
import io.floe.buffer.ChunkKey;
import io.floe.buffer.OverflowAction;
import io.floe.buffer.Segment;
import io.floe.buffer.StorageFullException;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;

/**
 * An output behind a buffer, as Fluentd runs buffered outputs: emits land in staged chunks; chunks are
 * queued when full or due ({@code flush_mode}); flush threads write queued chunks and purge them only
 * after the output confirmed the write. A failed write puts the chunk back and the output into Fluentd's
 * retry schedule; when retries run out, the chunk goes to {@code <secondary>} or is backed up to disk.
 */
public final class BufferedSink implements Sink {
    private final Output output;
    private final Output secondary;
    private final BufferFactory bufferFactory;
    private volatile ChunkBuffer buffer;
    private final BufferConfig cfg;
    private final ChunkKeys keys;
    private final BufferConfig.FlushMode mode;
    private final PluginMetrics metrics;
    private final ErrorSink errors;
    private final ChunkBackup backup;
    private final GiveUp giveUp;
    private final Duration slowFlushThreshold;
    private final Logger log;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private RetryState retry;
    private FlowControl flow;
    private final AtomicLong droppedSeen = new AtomicLong();
    /** When the buffer last refused a write (full, overflow_action throw_exception); 0 if never. For /readyz. */
    private volatile long lastRefusedMillis;

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
        this.mode = cfg.flushMode() != BufferConfig.FlushMode.DEFAULT ? cfg.flushMode()
                : keys.hasTime() ? BufferConfig.FlushMode.LAZY : BufferConfig.FlushMode.INTERVAL;
        this.metrics = metrics;
        this.errors = errors;
        this.backup = backup;
        this.giveUp = new GiveUp(secondary, backup, cfg.disableChunkBackup(), this::toChunk, log);
        this.slowFlushThreshold = slowFlushThreshold;
        this.log = log;
    }

    /** The buffer, once started; null before. */
    public ChunkBuffer buffer() {
        return buffer;
    }

    /** The buffer's state for the monitor; null before the sink starts. */
    public BufferStatus monitorStatus() {
        ChunkBuffer b = buffer;
        if (b == null) {
            return null;
        }
        long stage = b.stageBytes();
        long queue = b.queueBytes();
        List<Long> timekeys = b.staged().stream().map(c -> c.key().timekey()).filter(t -> t >= 0).distinct().sorted().toList();
        double free = Math.round(1000.0 * Math.max(0, b.totalLimit() - stage - queue) / b.totalLimit()) / 10.0;
        return new BufferStatus(b.queueLength(), timekeys, b.stageLength(), stage, queue, free, b.droppedChunks(), lastRefusedMillis);
    }

    /** The current retry sequence for the monitor; null while not retrying. */
    public synchronized RetryStatus retryStatus() {
        return retry == null ? null : new RetryStatus(retry.startMillis(), retry.steps(), retry.nextMillis());
    }

    /** With {@code overflow_action block}, reports this buffer's fill so inputs pause before it is full. */
    public void flowControl(FlowControl flow) {
        if (cfg.overflowAction() == OverflowAction.BLOCK) {
            this.flow = flow;
        }
    }

    private void reportFill() {
        FlowControl f = flow;
        if (f != null) {
            f.fill(this, buffer.stageBytes() + buffer.queueBytes(), buffer.totalLimit());
        }
    }

    @Override
    public void accept(String tag, EventStream events) throws Exception {
        metrics.emitCount.increment();
        metrics.emitRecords.add(events.count());
        for (Map.Entry<ChunkKey, Segment> part : keys.split(tag, events).entrySet()) {
            try {
                buffer.write(part.getKey(), part.getValue());
            } catch (StorageFullException e) {
                // A full disk: the buffer logs it itself, once per interval, not once per write.
                lastRefusedMillis = System.currentTimeMillis();
                metrics.numErrors.increment();
                throw e;
            } catch (BufferOverflowException e) {
                lastRefusedMillis = System.currentTimeMillis();
                metrics.numErrors.increment();
                log.warn("failed to write data into buffer by buffer overflow action={}", cfg.overflowAction().name().toLowerCase());
                throw e;
            }
        }
        if (mode == BufferConfig.FlushMode.IMMEDIATE) {
            buffer.enqueue(c -> true);
        }
        reportFill();
        reportDrops();
    }

    /** drop_oldest_chunk discards data: never silently. */
    private void reportDrops() {
        long dropped = buffer.droppedChunks();
        long seen = droppedSeen.get();
        if (dropped > seen && droppedSeen.compareAndSet(seen, dropped)) {
            log.warn("dropped the oldest chunk to make room (overflow_action drop_oldest_chunk): {} chunks with {} events dropped so far",
                    dropped, buffer.droppedRecords());
        }
    }

    @Override
    public void start() throws Exception {
        buffer = bufferFactory.open();
        output.start();
        if (secondary != null) {
            secondary.start();
        }
        running = true;
        for (int i = 0; i < Math.max(1, cfg.flushThreadCount()); i++) {
            Thread t = new Thread(this::flushLoop, "flush-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    @Override
    public void flushNow() {
        if (buffer == null) {
            return;
        }
        log.info("flushing all buffer forcedly");
        buffer.enqueue(c -> true);
        synchronized (this) {
            if (retry != null) {
                retry.retryNow(System.currentTimeMillis());
            }
        }
        signal();
    }

    @Override
    public void stop() {
        if (buffer == null) {
            return;
        }
        running = false;
        signal();
        buffer.wakeUp();
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
                write(c);
            } catch (Exception e) {
                buffer.purge(c);
                backup.save(c, "could not be written at shutdown: " + e);
            }
        }
    }

    private void flushLoop() {
        while (running) {
            try {
                long now = System.currentTimeMillis();
                long retryAt = nextRetryMillis();
                if (retryAt > now) {
                    sleep(TimeUnit.MILLISECONDS.toNanos(retryAt - now));
                    continue;
                }
                buffer.enqueue(c -> dueMillis(c) <= System.currentTimeMillis());
                BufferChunk c = buffer.take();
                if (c == null) {
                    // An input's fill report computed before the last purge may arrive after it and pause the
                    // inputs on an empty buffer; with nothing left to purge, only this re-check resumes them.
                    reportFill();
                    if (!buffer.awaitQueued(nanosUntilNextDue())) {
                        buffer.maintain();
                    }
                    continue;
                }
                flush(c);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("unexpected error in flush thread", e);
            }
        }
    }

    private void flush(BufferChunk c) {
        try {
            WriteResult r = write(c);
            if (!r.retry().isEmpty()) {
                failed(c, GiveUp.segments(r.retry()), new java.io.IOException(r.reason() == null ? "some events must be retried" : r.reason()));
                return;
            }
            buffer.purge(c);
            reportFill();
            succeeded();
        } catch (UnrecoverableException e) {
            metrics.numErrors.increment();
            log.warn("got unrecoverable error in primary output chunk=\"{}\" error=\"{}\"", c.id(), e.getMessage());
            giveUp(c, e);
        } catch (Exception e) {
            metrics.numErrors.increment();
            failed(c, null, e);
        } catch (Error e) {
            // An error the JVM cannot go on after ends the process; any other (a plugin's stack overflow, a class
            // that failed to load) fails this attempt like an exception: escaping, it would end the flush thread
            // and leave the chunk taken, so the output would never write again.
            FatalErrors.exitIfFatal(e);
            metrics.numErrors.increment();
            failed(c, null, new IllegalStateException(e.toString(), e));
        }
    }

    private WriteResult write(BufferChunk c) throws Exception {
        long t0 = System.nanoTime();
        WriteResult r;
        try {
            r = output.write(toChunk(c, c.segments()));
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

    private synchronized void succeeded() {
        if (retry != null) {
            log.info("retry succeeded. retry_times={}", retry.steps());
            retry = null;
        }
    }

    /**
     * A write of {@code c} failed, all of it ({@code rest} null) or only {@code rest}: the chunk goes back to
     * the queue for a retry, or, once the retries are used up, this chunk (not whichever is at the queue's
     * head: another flush thread may hold chunks never tried) is given up.
     */
    private void failed(BufferChunk c, List<Segment> rest, Exception e) {
        long now = System.currentTimeMillis();
        RetryState r;
        synchronized (this) {
            if (retry == null) {
                retry = new RetryState(cfg, now);
            } else {
                retry.step(now);
            }
            r = retry;
        }
        metrics.retryCount.increment();
        if (r.limitReached(now) || (secondary != null && r.secondaryDue(now))) {
            log.warn("failed to flush the buffer, and hit limit for retries. retry_times={} chunk=\"{}\" error=\"{}\"", r.steps(), c.id(), e.toString());
            giveUp(c, rest == null ? c.segments() : rest, e);
            synchronized (this) {
                retry = null;
            }
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

    private void giveUp(BufferChunk c, Exception cause) {
        giveUp(c, c.segments(), cause);
    }

    /** {@code part} of chunk {@code c} goes to the secondary or the backup; the chunk is done with after. */
    private void giveUp(BufferChunk c, List<Segment> part, Exception cause) {
        giveUp.handle(c, part, cause);
        buffer.purge(c);
        reportFill();
    }

    private synchronized long nextRetryMillis() {
        return retry == null ? 0 : retry.nextMillis();
    }

    private long dueMillis(BufferChunk c) {
        return switch (mode) {
            case IMMEDIATE -> 0;
            case LAZY -> (c.key().timekey() + keys.timekeySeconds() + cfg.timekeyWait().toSeconds()) * 1000;
            default -> c.createdMillis() + cfg.flushInterval().toMillis();
        };
    }

    private long nanosUntilNextDue() {
        long wait = cfg.flushThreadInterval().toMillis();
        long now = System.currentTimeMillis();
        for (BufferChunk c : buffer.staged()) {
            wait = Math.min(wait, dueMillis(c) - now);
        }
        // An emptied file buffer gives its disk back after a moment of idleness: wake for that too.
        long maintenance = TimeUnit.NANOSECONDS.toMillis(buffer.maintenanceDueNanos());
        wait = Math.min(wait, maintenance);
        return TimeUnit.MILLISECONDS.toNanos(Math.max(5, wait));
    }

    private void sleep(long nanos) throws InterruptedException {
        lock.lock();
        try {
            if (running) {
                wake.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The output's view of a chunk; a file chunk's batches are read from disk as the output reaches them. */
    private Chunk toChunk(BufferChunk c, List<Segment> segments) {
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
