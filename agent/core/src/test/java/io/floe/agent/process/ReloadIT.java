package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reload while a client streams: the forward listener is handed from one configuration to the next, so
 * no connection is refused; what the old configuration acknowledged is in its file buffer, which the
 * new one reopens; what it did not acknowledge the client sends again. Reloads come through SIGHUP,
 * SIGUSR2 and the RPC endpoint, and one of them carries a broken configuration that must be refused
 * while the stream goes on.
 */
class ReloadIT {
    private static final int TOTAL = 300_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    final Agents agents = new Agents();
    /** New ones for each test: JUnit makes an instance per test. */
    private final int port = agents.freePort();
    private final int rpcPort = agents.freePort();

    private String config(String flushInterval) {
        return FluentConf.system("rpc_endpoint 127.0.0.1:" + rpcPort) + FluentConf.forward(port, "@id in_forward")
                + FluentConf.jsonFile("reload.**", "out_file", agents.path("out/reload"), "@type file", "flush_mode interval",
                "flush_interval " + flushInterval, "chunk_limit_size 4m");
    }

    /** Writes the config to {@code confName} in the test's directory and starts the agent on it, ready once its RPC endpoint listens. */
    private AgentProcess startWithRpc(String confName, String flushInterval) throws Exception {
        AgentProcess agent = agents.start("-c", agents.write(confName, config(flushInterval)).toString());
        agent.awaitLog("RPC endpoint listening", Duration.ofSeconds(60));
        return agent;
    }

    @Test
    void tenReloadsUnderAStreamRefuseNoConnectionAndLoseNoEvent() throws Exception {
        AgentProcess agent = startWithRpc("reload.conf", "300ms");
        Path conf = agents.path("reload.conf");
        ForwardFeeder feeder = new ForwardFeeder(port, "reload.events", 500, 4);
        List<String> done = new ArrayList<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread reloader = new Thread(() -> {
            try {
                // 10 reloads that apply, with a broken configuration refused between the 5th and the 6th.
                String[] ways = {"HUP", "USR2", "RPC", "HUP", "USR2", "BROKEN", "RPC", "HUP", "USR2", "RPC", "HUP"};
                int applied = 0;
                for (int i = 0; i < ways.length; i++) {
                    long at = (long) TOTAL * (i + 1) / (ways.length + 2);
                    Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(10))
                            .until(() -> feeder.ackedEvents() >= at);
                    if (ways[i].equals("BROKEN")) {
                        // The output's type is one no plugin has.
                        Files.writeString(conf, config("300ms").replace("<match reload.**>\n@type file",
                                "<match reload.**>\n@type no_such_output"));
                        HttpResponse<String> r = rpc(rpcPort, "/api/config.reload");
                        assertEquals(500, r.statusCode(), r.body());
                        assertTrue(r.body().contains("reload.conf:10:") && r.body().contains("no_such_output"), r.body());
                        agent.awaitLog("reload refused", Duration.ofSeconds(30));
                        done.add("BROKEN refused at " + feeder.ackedEvents());
                        continue;
                    }
                    Files.writeString(conf, config(applied % 2 == 0 ? "500ms" : "300ms"));
                    applied++;
                    long asked = System.nanoTime();
                    if (ways[i].equals("RPC")) {
                        HttpResponse<String> r = rpc(rpcPort, "/api/config.reload");
                        assertEquals(200, r.statusCode(), r.body());
                        assertEquals("{\"ok\":true}", r.body());
                    } else {
                        agent.signal(ways[i]);
                    }
                    agent.awaitLogCount("configuration reloaded", applied, Duration.ofSeconds(60));
                    done.add(ways[i] + " at " + feeder.ackedEvents() + " in " + (System.nanoTime() - asked) / 1_000_000 + " ms");
                }
            } catch (Throwable e) {
                failed.set(e);
            }
        }, "reloader");
        reloader.start();
        feeder.send(TOTAL, Duration.ofMinutes(5));
        reloader.join(Duration.ofMinutes(2).toMillis());
        if (failed.get() != null) {
            throw new AssertionError("reloader failed after " + done, failed.get());
        }
        assertEquals(11, done.size(), "every planned reload happened: " + done);
        assertEquals(10, agent.logCount("configuration reloaded"));
        assertEquals(10, agent.logCount("took over the listening socket"), "the listener was handed over each time");

        Path out = agents.path("out");
        OutputFiles.awaitAll(out, TOTAL, Duration.ofMinutes(2));
        int[] counts = OutputFiles.seqCounts(out, TOTAL);
        long duplicates = OutputFiles.duplicates(counts);
        System.out.printf("reload test: %d events, reloads %s, %d reconnects, %d refused connections, loss %d, duplicates %d (%.3f%%)%n",
                TOTAL, done, feeder.reconnects(), feeder.connectFailures(), OutputFiles.missing(counts), duplicates,
                100.0 * duplicates / TOTAL);
        assertEquals(0, feeder.connectFailures(), "no connection was refused");
        assertEquals(0, OutputFiles.missing(counts), "every event is in the output");
        assertEquals(0, agent.stop(Duration.ofSeconds(60)));
    }

    @Test
    void rpcFlushesBuffersAndReloads() throws Exception {
        AgentProcess agent = startWithRpc("rpc.conf", "1h");
        Path conf = agents.path("rpc.conf");
        new ForwardFeeder(port, "reload.events", 100, 1).send(1000, Duration.ofSeconds(60));
        Path out = agents.path("out");
        // flush_interval 1h: nothing is written until asked.
        assertEquals(1000, OutputFiles.missing(OutputFiles.seqCounts(out, 1000)));
        HttpResponse<String> flushed = rpc(rpcPort, "/api/plugins.flushBuffers");
        assertEquals(200, flushed.statusCode());
        assertEquals("{\"ok\":true}", flushed.body());
        OutputFiles.awaitAll(out, 1000, Duration.ofSeconds(60));

        // A reload applies the new file: events now go to another path.
        Files.writeString(conf, config("1h").replace(agents.dir() + "/out/reload", agents.dir() + "/out2/reload"));
        HttpResponse<String> reloaded = rpc(rpcPort, "/api/config.reload");
        assertEquals(200, reloaded.statusCode(), reloaded.body());
        assertEquals("{\"ok\":true}", reloaded.body());
        new ForwardFeeder(port, "reload.events", 100, 1).send(500, Duration.ofSeconds(60));
        assertEquals(200, rpc(rpcPort, "/api/plugins.flushBuffers").statusCode());
        OutputFiles.awaitAll(agents.path("out2"), 500, Duration.ofSeconds(60));

        assertEquals(404, rpc(rpcPort, "/api/no.such").statusCode());
        HttpResponse<String> stopped = rpc(rpcPort, "/api/processes.killWorkers");
        assertEquals(200, stopped.statusCode());
        assertEquals(0, agent.waitForExit(Duration.ofSeconds(60)));
    }

    private static HttpResponse<String> rpc(int port, String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60)).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    }
}
