package io.floe.agent.pipeline;

import io.floe.api.Input;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Backpressure for {@code overflow_action block}: when a blocking buffer nears its total limit, every
 * input is paused (the forward listener stops reading its sockets, so the clients' writes stall in
 * their TCP buffers instead of piling up on the heap); when the buffers drain, the inputs resume. A
 * write that still reaches the limit waits in the buffer, as Fluentd's block does.
 */
public final class FlowControl {
    /** Pause at this fill ratio of a blocking buffer, resume below the lower one. */
    static final double PAUSE_AT = 0.9;
    static final double RESUME_BELOW = 0.7;

    private final Set<Object> congested = new HashSet<>();
    private final Supplier<List<Input>> inputs;
    private final Logger log;
    /**
     * Pausing and resuming happen on this thread: an input may wait for its own threads to apply a
     * pause, and those threads may be waiting in a full buffer for the very flush thread that reports
     * the drain.
     */
    private final ExecutorService switcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "flow-control");
        t.setDaemon(true);
        return t;
    });
    /** What the inputs were last told; only the switcher thread reads and writes it. */
    private boolean inputsPaused;

    public FlowControl(Supplier<List<Input>> inputs, Logger log) {
        this.inputs = inputs;
        this.log = log;
    }

    /**
     * Reports a blocking buffer's fill; pauses or resumes the inputs when the set of full buffers changes.
     * Reports race (an input's report computed before a purge may land after the flush thread's), so the
     * switcher applies the state as it is when it runs rather than the command of one report: a stale
     * "pause" queued behind a "resume" must not leave the inputs paused on empty buffers for good.
     */
    synchronized void fill(Object buffer, long used, long limit) {
        if (used >= limit * PAUSE_AT) {
            if (congested.add(buffer) && congested.size() == 1) {
                log.warn("buffer is {}% full with overflow_action block: pausing inputs", Math.round(100.0 * used / limit));
                switcher.execute(this::apply);
            }
        } else if (used < limit * RESUME_BELOW && congested.remove(buffer) && congested.isEmpty()) {
            log.info("buffers drained: resuming inputs");
            switcher.execute(this::apply);
        }
    }

    private void apply() {
        boolean pause = paused();
        if (pause != inputsPaused) {
            inputsPaused = pause;
            inputs.get().forEach(pause ? Input::pause : Input::resume);
        }
    }

    public synchronized boolean paused() {
        return !congested.isEmpty();
    }

    void close() {
        switcher.shutdown();
    }
}
