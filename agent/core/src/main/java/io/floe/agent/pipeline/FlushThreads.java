package io.floe.agent.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The flush threads of one buffered output ({@code flush_thread_count}), and the signal that wakes a
 * thread waiting out a retry early (a forced flush, shutdown).
 */
final class FlushThreads {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /** Starts {@code count} (at least one) threads, each running {@code loop} until {@link #halt}. */
    void start(int count, Runnable loop) {
        running = true;
        for (int i = 0; i < Math.max(1, count); i++) {
            Thread t = new Thread(loop, "flush-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    boolean running() {
        return running;
    }

    /** Sleeps up to {@code nanos}, or until {@link #signal}; not at all once halted. */
    void sleep(long nanos) throws InterruptedException {
        lock.lock();
        try {
            if (running) {
                wake.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    void signal() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Tells the threads to stop after their current chunk and wakes those that sleep. */
    void halt() {
        running = false;
        signal();
    }

    /** Waits for halted threads to end, 30 s at most each, as a write in progress finishes first. */
    void join() {
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
