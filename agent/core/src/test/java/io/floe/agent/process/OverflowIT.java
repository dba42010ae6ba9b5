package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each overflow_action with a tiny total_limit_size while the output is down (a plain file stands
 * where its directory must go), then the output comes back.
 */
class OverflowIT {
    private static final int TOTAL = 30_000;

    @RegisterExtension
    final Agents agents = new Agents();
    /** A new one for each test: JUnit makes an instance per test. */
    private final int port = agents.freePort();

    private AgentProcess start(String action) throws Exception {
        String config = FluentConf.forward(port) + FluentConf.jsonFile("app.**", "out_file", agents.path("blocked/app"),
                "@type file", "flush_mode interval", "flush_interval 100ms", "chunk_limit_size 64k", "total_limit_size 1m",
                "overflow_action " + action, "retry_wait 200ms", "retry_max_interval 500ms");
        Files.writeString(agents.path("blocked"), "not a directory");
        return agents.running(action + ".conf", config);
    }

    private static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    /** Waits until the acknowledged count has not moved for {@code quiet}, and returns it. */
    private static long plateau(ForwardFeeder feeder, Duration quiet) {
        long[] last = {-1};
        long[] since = {System.nanoTime()};
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            long now = feeder.ackedEvents();
            if (now != last[0]) {
                last[0] = now;
                since[0] = System.nanoTime();
            }
            return System.nanoTime() - since[0] > quiet.toNanos();
        });
        return last[0];
    }

    @Test
    void throwExceptionRefusesAcksUntilThereIsRoomAndLosesNothing() throws Exception {
        AgentProcess agent = start("throw_exception");
        ForwardFeeder feeder = new ForwardFeeder(port, "app.throw", 100, 2).ackTimeout(Duration.ofSeconds(2));
        CompletableFuture<Void> sending = sendUntilStalled(agent, feeder, "failed to write data into buffer by buffer overflow action=throw_exception");
        assertTrue(agent.stderr().contains("not acknowledged (a client that asked for an ack is disconnected and resends)"), agent.stderr());
        outputBack(sending);
        awaitDelivered(0);
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
    }

    @Test
    void blockStopsTheSenderWithoutHeapGrowthAndLosesNothing() throws Exception {
        AgentProcess agent = start("block");
        ForwardFeeder feeder = new ForwardFeeder(port, "app.block", 100, 4).ackTimeout(Duration.ofSeconds(120));
        CompletableFuture<Void> sending = sendUntilStalled(agent, feeder, "pausing inputs");
        long rssAtStall = rss(agent.pid());
        long ackedAtStall = feeder.ackedEvents();
        // Ten seconds of watching that nothing happens: no event to await. The bound only stops a stuck poll.
        Awaitility.await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(60)).until(() -> true);
        assertEquals(ackedAtStall, feeder.ackedEvents(), "nothing more is accepted while the output is down");
        long growth = rss(agent.pid()) - rssAtStall;
        assertTrue(growth < 16L << 20, "the agent's memory did not grow while the sender was held back: +" + (growth >> 10) + " KiB");
        outputBack(sending);
        agent.awaitLog("resuming inputs", Duration.ofSeconds(60));
        awaitDelivered(0);
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
    }

    @Test
    void dropOldestChunkDropsCountsAndKeepsTheNewest() throws Exception {
        AgentProcess agent = start("drop_oldest_chunk");
        new ForwardFeeder(port, "app.drop", 100, 4).recordSize(300).send(TOTAL, Duration.ofMinutes(3));
        agent.awaitLog("dropped the oldest chunk", Duration.ofSeconds(60));
        Files.delete(agents.path("blocked"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> OutputFiles.seqCounts(agents.path("blocked"), TOTAL)[TOTAL - 1] == 1);
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
        Matcher m = Pattern.compile("(\\d+) chunks with (\\d+) events dropped so far").matcher(agent.stderr());
        long dropped = 0;
        while (m.find()) {
            dropped = Long.parseLong(m.group(2));
        }
        int[] counts = OutputFiles.seqCounts(agents.path("blocked"), TOTAL);
        assertTrue(dropped > 0, agent.stderr());
        assertEquals(dropped, OutputFiles.missing(counts), "exactly the dropped events are missing, and each drop was logged");
        assertEquals(0, OutputFiles.duplicates(counts));
    }

    /**
     * Sends {@link #TOTAL} events in the background until the buffer's limit, logged as {@code limitReached}, stops
     * the acks short of them all. The limit reached is an event; a pause in the acks alone could be the busy machine.
     * Acks for what the buffer took before it stopped may still come: the plateau after the event waits them out.
     */
    private CompletableFuture<Void> sendUntilStalled(AgentProcess agent, ForwardFeeder feeder, String limitReached) {
        CompletableFuture<Void> sending = feeder.recordSize(300).sendAsync(TOTAL, Duration.ofMinutes(3));
        agent.awaitLog(limitReached, Duration.ofSeconds(60));
        long acked = plateau(feeder, Duration.ofSeconds(3));
        assertTrue(acked > 0 && acked < TOTAL, "acks stopped at the limit: " + acked);
        return sending;
    }

    /** Takes the plain file away so that the output can write; the held-back sender then finishes. */
    private void outputBack(CompletableFuture<Void> sending) throws Exception {
        Files.delete(agents.path("blocked"));
        sending.get(2, TimeUnit.MINUTES);
    }

    private void awaitDelivered(long expectedMissing) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> OutputFiles.missing(OutputFiles.seqCounts(agents.path("blocked"), TOTAL)) == expectedMissing);
    }
}
