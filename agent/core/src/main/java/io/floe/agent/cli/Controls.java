package io.floe.agent.cli;

import io.floe.agent.Agent;
import io.floe.agent.rpc.AgentControls;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What signals and the RPC endpoint ask of the agent — stop, flush, reload — run one at a time on one
 * thread, so a reload and a stop never overlap whichever way they were asked for.
 */
final class Controls implements AgentControls {
    private final Agent agent;
    private final CountDownLatch stopped;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "controls");
        t.setDaemon(true);
        return t;
    });

    Controls(Agent agent, CountDownLatch stopped) {
        this.agent = agent;
        this.stopped = stopped;
    }

    /**
     * Starts the agent on the controls' thread: a signal that comes while it starts (the handlers are installed
     * first) waits its turn instead of meeting the JVM's default action, which ends the process.
     */
    void start() throws Exception {
        try {
            CompletableFuture.runAsync(() -> {
                try {
                    agent.start();
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, worker).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public CompletableFuture<Void> stop() {
        return CompletableFuture.runAsync(() -> {
            agent.stop();
            stopped.countDown();
        }, worker);
    }

    @Override
    public CompletableFuture<Void> flush() {
        return CompletableFuture.runAsync(agent::flush, worker);
    }

    @Override
    public CompletableFuture<Agent.Reloaded> reload() {
        return CompletableFuture.supplyAsync(agent::reload, worker);
    }
}
