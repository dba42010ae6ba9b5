package io.floe.agent.cli;

import io.floe.agent.Agent;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Fluentd's signals: TERM/INT stop gracefully, USR1 flushes buffers, HUP and USR2 reload the
 * configuration. Handlers only hand the work to {@link Controls}, which runs one action at a time.
 */
final class Signals {
    private Signals() {
    }

    static void install(Agent agent, Controls controls) {
        handle("TERM", controls::stop);
        handle("INT", controls::stop);
        handle("USR1", controls::flush);
        handle("HUP", controls::reload);
        if (usr2IsFree()) {
            handle("USR2", controls::reload);
        } else {
            LoggerFactory.getLogger("floe").info("SIGUSR2 is the JVM's own suspend signal here (start through bin/floe to free it); reload with SIGHUP");
        }
        // A stop that does not come through a signal (System.exit elsewhere) still flushes.
        Runtime.getRuntime().addShutdownHook(new Thread(agent::stop, "shutdown"));
    }

    /** bin/floe moves HotSpot's suspend signal off SIGUSR2 (12); without that, SIGUSR2 must stay the JVM's. */
    private static boolean usr2IsFree() {
        String sr = System.getenv("_JAVA_SR_SIGNUM");
        return sr != null && !sr.trim().equals("12");
    }

    private static void handle(String name, Runnable action) {
        try {
            Signal.handle(new Signal(name), s -> action.run());
        } catch (IllegalArgumentException e) {
            LoggerFactory.getLogger("floe").warn("signal {} cannot be handled here: {}", name, e.getMessage());
        }
    }
}
