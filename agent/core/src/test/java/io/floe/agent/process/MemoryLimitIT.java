package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The agent in a 200 MiB memory cgroup, as in the Kubernetes example: four connections of PackedForward at full
 * speed (4,000,000 events) into forward → file buffer → out_forward while the forwarding server is down for
 * 60 s, then up; beside them a client streams numbered events and counts only what the agent acknowledged.
 * The kernel must not OOM-kill the agent, and every acknowledged event must reach the server. Needs root and
 * the cgroup v1 memory controller, so it runs in the {@code memory} profile: {@code mvn verify -Pmemory}.
 */
class MemoryLimitIT {
    private static final long LIMIT = 200L << 20;
    private static final long LOAD_EVENTS = Long.getLong("floe.memory.loadEvents", 4_000_000);
    private static final int ACKED_EVENTS = 200_000;
    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @Test
    void fullForwardLoadWithTheOutputDownAMinuteStaysInsideTwoHundredMebibytes(Agents agents) throws Exception {
        int port = agents.freePort();
        int serverPort = agents.freePort();
        int serverMonitor = agents.freePort();
        Path agentDir = Files.createDirectories(agents.path("agent"));
        Path serverDir = Files.createDirectories(agents.path("server"));
        Path agentConf = Files.writeString(agentDir.resolve("agent.conf"), agentConf(port, serverPort, agentDir.resolve("buffer")));

        try (MemoryCgroup cgroup = MemoryCgroup.create("floe-memory-it-" + ProcessHandle.current().pid(), LIMIT)) {
            try (AgentProcess agent = AgentProcess.start(agentDir, Map.of(), cgroup.wrapper(), "-c", agentConf.toString())) {
                agent.awaitLog("is now running", Duration.ofSeconds(60));
                AnonymousPeak anon = AnonymousPeak.watch(agent.pid());
                Process load = startLoad(port, agentDir.resolve("load.txt"));
                try {
                    ForwardFeeder feeder = new ForwardFeeder(port, "mem.acked", 1000, 4);
                    CompletableFuture<Void> fed = feeder.sendAsync(ACKED_EVENTS, Duration.ofMinutes(15));
                    long downSince = System.nanoTime();
                    Awaitility.await().atMost(OUTAGE.plusSeconds(30)).pollInterval(Duration.ofMillis(500))
                            .failFast("agent died while the server was down", () -> assertAlive(cgroup, agent))
                            .until(() -> System.nanoTime() - downSince >= OUTAGE.toNanos());

                    try (AgentProcess server = AgentProcess.running(serverDir, "server.conf", serverConf(serverPort, serverMonitor, serverDir.resolve("out")))) {
                        MonitorHttp monitor = new MonitorHttp(serverMonitor);
                        Path out = serverDir.resolve("out");
                        Awaitility.await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1))
                                .failFast("agent died after the server came back", () -> assertAlive(cgroup, agent))
                                .until(() -> fed.isDone() && !load.isAlive()
                                        && OutputFiles.missing(OutputFiles.seqCounts(out, ACKED_EVENTS)) == 0
                                        && loadDelivered(monitor) >= LOAD_EVENTS);
                        fed.join();
                        assertEquals(0, load.exitValue(), "the load generator failed: " + Files.readString(agentDir.resolve("load.txt")));

                        long oomKills = cgroup.oomKills();
                        long peakRss = peakRssKib(agent.pid());
                        int[] counts = OutputFiles.seqCounts(out, ACKED_EVENTS);
                        System.out.printf(Locale.ROOT, "memory test: limit %d MiB, JVM flags %s%n", LIMIT >> 20, jvmFlags(agent.pid()));
                        System.out.printf(Locale.ROOT, "memory test: oom_kill %d, peak RSS (VmHWM) %.1f MiB, peak anonymous RSS (sampled) %.1f MiB, "
                                        + "cgroup memory.max_usage_in_bytes %.1f MiB (with page cache); load %d events (%s), acked client %d/%d delivered, "
                                        + "%d duplicates, %d reconnects%n",
                                oomKills, peakRss / 1024.0, anon.peakKib() / 1024.0, cgroup.maxUsageBytes() / 1048576.0, LOAD_EVENTS,
                                Files.readString(agentDir.resolve("load.txt")).trim(), ACKED_EVENTS - OutputFiles.missing(counts), ACKED_EVENTS,
                                OutputFiles.duplicates(counts), feeder.reconnects());
                        assertTrue(isAlive(agent), "agent died: " + agent.stderr());
                        assertEquals(0, oomKills, "the kernel OOM-killed a process of the agent's cgroup");
                        assertEquals(0, OutputFiles.missing(counts), "acknowledged events lost");
                        assertEquals(0, server.stop(Duration.ofSeconds(60)));
                    }
                } finally {
                    load.destroyForcibly();
                }
                anon.stop();
                assertEquals(0, agent.stop(Duration.ofSeconds(60)), agent.stderr());
            }
        }
    }

    private static void assertAlive(MemoryCgroup cgroup, AgentProcess agent) throws IOException {
        if (!isAlive(agent)) {
            throw new AssertionError("cgroup oom_kill " + cgroup.oomKills() + "; agent's log:\n" + agent.stderr());
        }
    }

    private static boolean isAlive(AgentProcess agent) {
        return ProcessHandle.of(agent.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    private Process startLoad(int port, Path output) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.floe.bench.ForwardLoad",
                "--port", Integer.toString(port), "--connections", "4", "--mode", "packed", "--batch", "1000",
                "--record-size", "300", "--events", Long.toString(LOAD_EVENTS), "--tag", "mem.load")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private static long loadDelivered(MonitorHttp monitor) throws IOException, InterruptedException {
        return MonitorHttp.pluginById(monitor.json("/api/plugins.json?with_config=false&with_retry=false"), "out_null").get("emit_records").asLong();
    }

    /** The kernel's high-water mark of the process' resident memory (anonymous and file pages), in KiB. */
    private static long peakRssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmHWM for " + pid);
    }

    private static String jvmFlags(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().arguments()).map(a -> String.join(" ", List.of(a)))
                .map(s -> s.replaceAll(" -cp \\S+.*", "")).orElse("?");
    }

    private static String agentConf(int port, int serverPort, Path buffer) {
        return FluentConf.forward(port) + FluentConf.match("mem.**", "forward", "@id out_forward", "require_ack_response true",
                FluentConf.server(serverPort), FluentConf.buffer("@type file", "path " + buffer, "retry_max_interval 5s"));
    }

    private static String serverConf(int port, int monitorPort, Path out) {
        return FluentConf.forward(port) + FluentConf.monitor(monitorPort)
                + FluentConf.jsonFile("mem.acked", null, out.resolve("acked"), "flush_mode interval", "flush_interval 1s")
                + FluentConf.discard("mem.load", "@id out_null");
    }

    /** Samples the process' anonymous resident memory (smaps_rollup) while it runs; a measurement, not a condition. */
    private static final class AnonymousPeak {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;

        private AnonymousPeak(long pid) {
            Path rollup = Path.of("/proc/" + pid + "/smaps_rollup");
            thread = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        for (String line : Files.readAllLines(rollup)) {
                            if (line.startsWith("Anonymous:")) {
                                peak.accumulateAndGet(Long.parseLong(line.replaceAll("[^0-9]", "")), Math::max);
                            }
                        }
                        TimeUnit.MILLISECONDS.sleep(200);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            }, "anon-peak");
            thread.setDaemon(true);
        }

        static AnonymousPeak watch(long pid) {
            AnonymousPeak p = new AnonymousPeak(pid);
            p.thread.start();
            return p;
        }

        long peakKib() {
            return peak.get();
        }

        void stop() {
            thread.interrupt();
        }
    }
}
