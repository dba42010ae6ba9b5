package io.floe.agent.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's own log as events, as Fluentd emits them: tag {@code fluent.<level>}, record
 * {@code {"message": "..."}}, handed to a {@link Route} (the pipeline's {@code <label @FLUENT_LOG>}, or a
 * top-level {@code <match fluent.**>}). Lines queue and one thread delivers them, so a log call never
 * waits on a buffer; lines logged while delivering are not captured again (no feedback loop). A full
 * queue drops lines (they are still in the log itself) and counts them.
 */
public final class FluentLogEvents extends AppenderBase<ILoggingEvent> {
    /** Where captured events go; null when the running configuration does not capture them. */
    public interface Route {
        /** Whether events of this tag are captured at all. */
        boolean accepts(String tag);

        void deliver(String tag, EventStream events) throws Exception;
    }

    private record Line(String tag, long millis, String message) {
    }

    private static final int QUEUE = 10_000;

    private final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private volatile Route route;
    private Thread deliverer;

    /** Sets where events go from now on (null: nowhere). */
    public void route(Route r) {
        this.route = r;
    }

    public long dropped() {
        return dropped.get();
    }

    @Override
    public void start() {
        deliverer = new Thread(this::deliverLoop, "fluent-log");
        deliverer.setDaemon(true);
        deliverer.start();
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        if (deliverer != null) {
            deliverer.interrupt();
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        Route r = route;
        if (r == null || Thread.currentThread() == deliverer) {
            return;
        }
        String tag = "fluent." + event.getLevel().toString().toLowerCase(Locale.ROOT);
        if (!r.accepts(tag)) {
            return;
        }
        // The message as the log writes it: a record that a text format later prints stays one line too.
        String message = LogText.message(event);
        if (!queue.offer(new Line(tag, event.getTimeStamp(), message))) {
            dropped.incrementAndGet();
        }
    }

    private void deliverLoop() {
        List<Line> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Line first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 999);
                deliver(batch);
                batch.clear();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void deliver(List<Line> batch) {
        Route r = route;
        if (r == null) {
            return;
        }
        // One stream per run of the same tag keeps the order of the lines.
        int i = 0;
        while (i < batch.size()) {
            String tag = batch.get(i).tag();
            EventStreamWriter w = new EventStreamWriter();
            while (i < batch.size() && batch.get(i).tag().equals(tag)) {
                Line l = batch.get(i++);
                w.add(new EventTime(l.millis() / 1000, (int) (l.millis() % 1000) * 1_000_000),
                        Map.of("message", l.message()));
            }
            try {
                r.deliver(tag, w.build());
            } catch (Exception e) {
                // The configuration refused its own log (a full buffer): the lines are in the log itself.
                dropped.addAndGet(w.count());
            }
        }
    }
}
