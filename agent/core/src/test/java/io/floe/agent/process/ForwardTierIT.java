package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The two-tier setup with real processes: a client streams acknowledged, numbered events into an agent
 * (forward in → forward out with require_ack_response), which forwards them to aggregators (forward in → file).
 * Aggregators are killed with kill -9 or stopped mid-stream; every event must still arrive. Duplicates are
 * allowed (a chunk the aggregator had buffered but not yet acknowledged is sent again) and printed.
 */
class ForwardTierIT {
    /** An agent: forward in, forward out with ack to the given {@code <server>} sections. */
    static String agentConf(int port, String servers) {
        return FluentConf.forward(port, "@id in_forward") + FluentConf.ackedForward("keepalive true\n" + servers, "chunk_limit_size 512k");
    }

    static String server(String name, int port) {
        return FluentConf.server(port, "name " + name);
    }

    @Test
    void aggregatorKilledWithKillMinusNineAndRestartedLosesNothing(Agents agents) throws Exception {
        final int total = 200_000;
        int aggPort = agents.freePort();
        int agentPort = agents.freePort();
        Path out = agents.path("agg-out");
        ForwardReceiver aggregator = new ForwardReceiver(agents.path("agg"), aggPort, out).up();
        try (AgentProcess agent = agents.runningIn("agent", agentConf(agentPort, server("agg", aggPort)))) {
            ForwardFeeder feeder = new ForwardFeeder(agentPort, "tier.events", 1000, 4);
            Thread killer = new Thread(() -> {
                try {
                    Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> feeder.ackedEvents() >= total / 3);
                    aggregator.kill9();
                    System.out.printf("forward tier: aggregator killed with kill -9 after %d events acknowledged to the client%n",
                            feeder.ackedEvents());
                    // The agent meets a dead port, detaches the server and keeps buffering: seen, not assumed.
                    agent.awaitLog("detached forwarding server 'agg'", Duration.ofSeconds(60));
                    aggregator.up();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, "killer");
            killer.start();
            feeder.send(total, Duration.ofMinutes(3));
            killer.join(Duration.ofMinutes(2).toMillis());

            OutputFiles.awaitAll(out, total, Duration.ofMinutes(2));
            assertEquals(0, agent.stop(Duration.ofSeconds(60)));
            assertEquals(0, aggregator.stop(Duration.ofSeconds(60)));
            int[] counts = OutputFiles.seqCounts(out, total);
            System.out.printf("forward tier kill -9: %d events, loss %d, duplicates %d (%.3f%%)%n", total,
                    OutputFiles.missing(counts), OutputFiles.duplicates(counts), 100.0 * OutputFiles.duplicates(counts) / total);
            assertEquals(0, OutputFiles.missing(counts), "every event reached the aggregator's output");
            assertTrue(agent.stderr().contains("detached forwarding server 'agg'"), agent.stderr());
        } finally {
            aggregator.close();
        }
    }

    @Test
    void trafficFailsOverToTheOtherAggregatorAndComesBack(Agents agents) throws Exception {
        final int round = 30_000;
        int port1 = agents.freePort();
        int port2 = agents.freePort();
        int agentPort = agents.freePort();
        Path out1 = agents.path("agg1-out");
        Path out2 = agents.path("agg2-out");
        ForwardReceiver agg1 = new ForwardReceiver(agents.path("agg1"), port1, out1).up();
        ForwardReceiver agg2 = new ForwardReceiver(agents.path("agg2"), port2, out2).up();
        try (AgentProcess agent = agents.runningIn("agent", agentConf(agentPort, server("agg1", port1) + "\n" + server("agg2", port2)))) {
            // Round 1: both up, chunks spread over both.
            new ForwardFeeder(agentPort, "tier.events", 500, 4).send(round, Duration.ofMinutes(1));
            awaitAll(out1, out2, round);
            assertTrue(arrived(out1, 0, round) > 0 && arrived(out2, 0, round) > 0, "both aggregators took a share");

            // Round 2: agg1 stopped; everything goes to agg2.
            assertEquals(0, agg1.stop(Duration.ofSeconds(60)));
            new ForwardFeeder(agentPort, "tier.events", 500, 4).firstSeq(round).send(round, Duration.ofMinutes(1));
            awaitAll(out1, out2, 2 * round);
            assertEquals(0, arrived(out1, round, 2 * round), "nothing reached the stopped aggregator");

            // Round 3: agg1 back; once the agent has seen it recover, it gets its share again.
            agg1.up();
            agent.awaitLog("recovered forwarding server 'agg1'", Duration.ofSeconds(30));
            new ForwardFeeder(agentPort, "tier.events", 500, 4).firstSeq(2L * round).send(round, Duration.ofMinutes(1));
            awaitAll(out1, out2, 3 * round);
            assertTrue(arrived(out1, 2 * round, 3 * round) > 0, "traffic came back to the restarted aggregator");

            int[] counts = union(out1, out2, 3 * round);
            System.out.printf("forward tier failover: %d events, agg1 %d / agg2 %d, loss %d, duplicates %d%n", 3 * round,
                    arrived(out1, 0, 3 * round), arrived(out2, 0, 3 * round), OutputFiles.missing(counts),
                    OutputFiles.duplicates(counts));
            assertEquals(0, OutputFiles.missing(counts), "every event reached one of the aggregators");
            assertEquals(0, agent.stop(Duration.ofSeconds(60)));
        } finally {
            agg1.close();
            agg2.close();
        }
    }

    private static void awaitAll(Path out1, Path out2, int total) {
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300))
                .until(() -> OutputFiles.missing(union(out1, out2, total)) == 0);
    }

    private static int[] union(Path a, Path b, int total) throws IOException {
        int[] x = OutputFiles.seqCounts(a, total);
        int[] y = OutputFiles.seqCounts(b, total);
        for (int i = 0; i < total; i++) {
            x[i] += y[i];
        }
        return x;
    }

    /** How many of the events from..to-1 are in the directory. */
    private static long arrived(Path out, int from, int to) throws IOException {
        return Arrays.stream(OutputFiles.seqCounts(out, to), from, to).filter(c -> c > 0).count();
    }
}
