package io.floe.inputs.sample;

import io.floe.api.Input;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.config.Param;
import io.floe.codec.event.EventStream;
import io.floe.inputs.TimerEmit;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Fluentd's in_sample (formerly in_dummy): emits the sample records {@code rate} times a second, each
 * time {@code size} events, spread over ten slots per second as Fluentd does. When the pipeline cannot
 * keep up, a second's unfinished slots are skipped, so the emitted rate shows what the agent can route.
 */
@Plugin(type = "sample", aliases = "dummy", desc = "Generates sample events, for trying a pipeline out without outside parts.")
public final class SampleInput implements Input {

    public record Config(
            @Param(desc = "Tag of the generated events.", dflt = "sample")
            String tag,
            @Param(desc = "Emits per second.", dflt = "1")
            int rate,
            @Param(desc = "Events per emit.", dflt = "1")
            int size,
            @Param(desc = "Adds this key with an increasing integer to each record.", dflt = Param.NULL)
            String autoIncrementKey,
            @Param(desc = "The record, or a JSON array of records used in turn.", dflt = "[{\"message\":\"sample\"}]", aliases = "dummy")
            String sample,
            @Param(desc = "Keep auto_increment_key counting across restarts (accepted; Floe starts at 0).", dflt = "false")
            boolean suspend) {
    }

    private static final int SLOTS_PER_SECOND = 10;

    private final Config config;
    private final PluginContext ctx;
    private final SampleRecords records;
    private volatile boolean running;
    private volatile boolean paused;
    private Thread thread;

    public SampleInput(Config config, PluginContext ctx) {
        if (config.rate() < 1 || config.size() < 1) {
            throw new IllegalArgumentException("rate and size must be at least 1");
        }
        this.config = config;
        this.ctx = ctx;
        this.records = SampleRecords.parse(config.sample(), config.autoIncrementKey());
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "in_sample-" + ctx.id());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        int perSlot = config.rate() / SLOTS_PER_SECOND;
        int residual = config.rate() % SLOTS_PER_SECOND;
        try {
            while (running) {
                long second = Instant.now().getEpochSecond();
                long secondStartNanos = System.nanoTime();
                // The remainder goes first (Fluentd sends it last): with rate 1 the first event then
                // leaves at start-up instead of at the next second boundary.
                emit(residual);
                for (int slot = 0; slot < SLOTS_PER_SECOND && running && Instant.now().getEpochSecond() == second; slot++) {
                    emit(perSlot);
                    long slotEnd = secondStartNanos + (slot + 1) * (1_000_000_000L / SLOTS_PER_SECOND);
                    sleepUntil(slotEnd);
                }
                while (running && Instant.now().getEpochSecond() == second) {
                    Thread.sleep(Math.max(1, 1000 - Instant.now().getNano() / 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
    }

    private void emit(int times) {
        // Paused by backpressure: this second's events are not generated, as a blocked Fluentd in_sample skips them.
        for (int i = 0; i < times && running && !paused; i++) {
            EventStream events = records.next(config.size());
            TimerEmit.send(ctx, config.tag(), events);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
