package io.floe.inputs.net;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * Whether Netty event loops still run tasks, answered at once: every check posts a no-op to each loop
 * and looks at the no-op posted by the previous check. A loop whose no-op has waited longer than the
 * timeout is stuck (blocked in a handler, or its thread died).
 */
public final class LoopLiveness {
    private record Ping(Future<?> done, long sentNanos) {
    }

    private final Map<EventExecutor, Ping> pending = new IdentityHashMap<>();

    public synchronized boolean check(EventExecutorGroup loops, Duration timeout) {
        long now = System.nanoTime();
        boolean alive = true;
        for (EventExecutor loop : loops) {
            Ping last = pending.get(loop);
            if (last != null && !last.done().isDone()) {
                alive &= now - last.sentNanos() <= timeout.toNanos();
                continue;
            }
            try {
                pending.put(loop, new Ping(loop.submit(() -> { }), now));
            } catch (RejectedExecutionException stopping) {
                return true;
            }
        }
        return alive;
    }
}
