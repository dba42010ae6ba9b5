package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The file buffer on a 48 MiB file system of its own, the output (out_forward with acks, to a second agent)
 * down, four Docker-driver-like clients streaming numbered 1 KiB lines with acks until the disk is full;
 * the output comes back after 25 s. Every client must finish, every acknowledged line must arrive
 * (duplicates are allowed and printed), disk use must fall back, the full disk must be logged once per
 * interval, and the agent must not crash on a memory-mapped write (SIGBUS).
 */
class FullDiskIT {
    static final int DISK_MIB = 48;
    static final int CLIENTS = 4;
    static final int LINES_PER_CLIENT = 12_500;
    static final int LINE_BYTES = 1024;
    static final Duration OUTAGE = Duration.ofSeconds(25);

    @RegisterExtension
    final Agents agents = new Agents();

    /** {@code source}, then out_forward with acks to the receiver, buffered in files at {@code bufferPath}. */
    static String agentConf(String source, int receiverPort, Path bufferPath, String extraBuffer) {
        return source + FluentConf.ackedForward(FluentConf.server(receiverPort), "path " + bufferPath, "chunk_limit_size 1m", extraBuffer);
    }

    @Test
    void ackClientsOnAFullDiskAllFinishAndLoseNothing() throws Exception {
        run("");
    }

    @Test
    void withSyncModeAlwaysTheSame() throws Exception {
        run("sync_mode always");
    }

    private void run(String extraBuffer) throws Exception {
        int port = agents.freePort();
        int receiverPort = agents.freePort();
        Path out = agents.path("receiver-out");
        int total = CLIENTS * LINES_PER_CLIENT;
        try (SmallDisk disk = SmallDisk.mount(agents.path("small"), DISK_MIB)) {
            String conf = agentConf(FluentConf.forward(port, "@id in_forward"), receiverPort, disk.path().resolve("buffer"), extraBuffer);
            ForwardReceiver receiver = new ForwardReceiver(agents.path("receiver"), receiverPort, out);
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            // Stopped here, not after the test: the disk cannot be unmounted while the agent holds its buffer.
            try (AgentProcess agent = agents.runningIn("agent", conf)) {
                long start = System.nanoTime();
                List<AckingLineClient> clients = new ArrayList<>();
                List<Future<Long>> sending = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    AckingLineClient c = new AckingLineClient(port, "tier.docker", (long) i * LINES_PER_CLIENT, LINES_PER_CLIENT, LINE_BYTES, Duration.ofSeconds(60));
                    clients.add(c);
                    sending.add(pool.submit(c));
                }
                agent.awaitLog(FullDiskLog.FULL, Duration.ofSeconds(120));
                long ackedWhenFull = clients.stream().mapToLong(AckingLineClient::acked).sum();
                assertTrue(ackedWhenFull < total, "the disk filled before every line was sent: " + ackedWhenFull);
                Awaitility.await().atMost(OUTAGE.plusSeconds(60)).until(() -> System.nanoTime() - start >= OUTAGE.toNanos());

                receiver.up();
                for (Future<Long> f : sending) {
                    assertEquals(LINES_PER_CLIENT, f.get(3, TimeUnit.MINUTES), "every client finishes");
                }
                OutputFiles.awaitAll(out, total, Duration.ofMinutes(2));
                long usedAfter = disk.awaitUsedBelow(2L << 20, Duration.ofMinutes(1));
                assertEquals(0, agent.stop(Duration.ofSeconds(60)));

                int[] counts = OutputFiles.seqCounts(out, total);
                List<String> fullLines = FullDiskLog.errors(agent.stderrLines());
                System.out.printf("full disk (%s): %d lines by %d clients, %d acknowledged before the disk was full, %d reconnects,"
                                + " loss %d, duplicates %d, %d full-disk errors logged, disk use after %d KiB%n",
                        extraBuffer.isEmpty() ? "default" : extraBuffer, total, CLIENTS, ackedWhenFull,
                        clients.stream().mapToInt(AckingLineClient::reconnects).sum(), OutputFiles.missing(counts),
                        OutputFiles.duplicates(counts), fullLines.size(), usedAfter >> 10);
                assertEquals(0, OutputFiles.missing(counts), "every acknowledged line arrived");
                FullDiskLog.assertRecovered(fullLines, agent, agents.path("agent"));
                assertTrue(fullLines.get(0).contains(disk.path().toString()) && fullLines.get(0).contains("MiB free"), fullLines.get(0));
            } finally {
                pool.shutdownNow();
                receiver.close();
            }
        }
    }
}
