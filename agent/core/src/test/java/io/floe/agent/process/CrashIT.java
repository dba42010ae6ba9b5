package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The buffer's promise under kill -9: a client streams numbered events with ack into forward → file
 * buffer → file; the agent is killed at random moments and restarted; every acknowledged event ends up
 * in the output. Duplicates are allowed (at-least-once) and reported.
 */
class CrashIT {
    private static final int TOTAL = 1_000_000;
    private static final int KILLS = 5;

    @Test
    void killMinusNineAtRandomMomentsLosesNoAcknowledgedEvent(Agents agents) throws Exception {
        int port = agents.freePort();
        Path out = agents.path("out");
        String config = FluentConf.forward(port, "@id in_forward") + FluentConf.jsonFile("crash.**", "out_file", out.resolve("crash"),
                "@type file", "flush_mode interval", "flush_interval 300ms", "chunk_limit_size 4m", "retry_wait 200ms", "retry_max_interval 1s");
        AtomicReference<AgentProcess> agent = new AtomicReference<>(agents.running("crash.conf", config));
        Path conf = agents.path("crash.conf");
        ForwardFeeder feeder = new ForwardFeeder(port, "crash.events", 1000, 4);

        Random rnd = new Random();
        List<Long> killAt = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            killAt.add((long) (TOTAL * (0.05 + 0.85 * rnd.nextDouble())));
        }
        killAt.sort(Long::compare);
        List<String> kills = new ArrayList<>();
        Thread killer = new Thread(() -> {
            try {
                for (long at : killAt) {
                    while (feeder.ackedEvents() < at) {
                        Thread.sleep(5);
                    }
                    Thread.sleep(rnd.nextInt(200));
                    long acked = feeder.ackedEvents();
                    agent.get().kill9();
                    kills.add("after " + acked + " acknowledged events");
                    agent.set(agents.start("-c", conf.toString()));
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, "killer");
        killer.start();
        try {
            feeder.send(TOTAL, Duration.ofMinutes(10));
            killer.join(Duration.ofMinutes(2).toMillis());
            assertEquals(KILLS, kills.size(), "every planned kill happened");

            OutputFiles.awaitAll(out, TOTAL, Duration.ofMinutes(2));
            assertEquals(0, agent.get().stop(Duration.ofSeconds(60)));
            int[] counts = OutputFiles.seqCounts(out, TOTAL);
            long duplicates = OutputFiles.duplicates(counts);
            System.out.printf("crash test: %d events, %d kill -9 (%s), %d reconnects, loss %d, duplicates %d (%.3f%%)%n",
                    TOTAL, kills.size(), String.join("; ", kills), feeder.reconnects(), OutputFiles.missing(counts),
                    duplicates, 100.0 * duplicates / TOTAL);
            assertEquals(0, OutputFiles.missing(counts), "every acknowledged event is in the output");
        } finally {
            killer.interrupt();
        }
    }
}
