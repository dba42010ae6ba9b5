package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.testkit.MachineSpeed;
import io.floe.testkit.es.ElasticsearchServer;
import io.floe.testkit.es.FaultProxy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real agent delivering forward input through its file buffer to a real Elasticsearch 8 (security off, one server
 * for the class): the legacy v0.12 seed config unchanged, 100,000 events counted exactly, and delivery through
 * failures — a proxy refusing items with 429, answering 503, answering too late and cutting answers off, and the
 * server killed with kill -9 and brought back 30 s later on the same data and port.
 */
class ElasticsearchDeliveryIT {
    static ElasticsearchServer es;

    @RegisterExtension
    final Agents agents = new Agents();

    @BeforeAll
    static void startElasticsearch() throws Exception {
        es = ElasticsearchServer.builder().start();
        IndexedSeqs.warmUp(es);
    }

    @AfterAll
    static void stopElasticsearch() {
        if (es != null) {
            es.close();
        }
    }

    @BeforeEach
    void clean() throws Exception {
        es.deleteAllIndices();
    }

    private Path config(int forwardPort, int esPort, String extra, String buffer) throws Exception {
        return agents.write("es.conf", """
                <source>
                  @type forward
                  port %d
                  bind 127.0.0.1
                </source>
                <match load.**>
                  @type elasticsearch
                  @id out_es
                  host 127.0.0.1
                  port %d
                  index_name load
                  %s
                  <buffer>
                    @type file
                    flush_mode interval
                    flush_interval 500ms
                    %s
                  </buffer>
                </match>
                """.formatted(forwardPort, esPort, extra, buffer));
    }

    @Test
    void legacyConfigWarnsAsFluentdDoesAndFillsTheDockerIndexAndTheFile() throws Exception {
        int port = agents.freePort();
        Path out = agents.path("log");
        Path conf = SeedConfigs.pointed("legacy-es-copy-file.conf", agents.dir(), port, es.port(), out.resolve("docker_app"));
        int total = 3_000;
        AgentProcess agent = agents.start("-c", conf.toString());
        agent.awaitLog("is now running", Duration.ofSeconds(60));
        // The typo logstash_dataformat is not a parameter: Fluentd warns and keeps the default %Y.%m.%d.
        assertTrue(agent.stderr().contains("parameter 'logstash_dataformat' in <store> is not used."), agent.stderr());
        String day = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy.MM.dd"));
        new ForwardFeeder(port, "docker.app", 500, 4).send(total, Duration.ofMinutes(1));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> IndexedSeqs.of(es, "docker-*").docs() >= total);
        IndexedSeqs indexed = IndexedSeqs.of(es, "docker-" + day);
        assertTrue(indexed.exactlyBesidesAgentLogs(0, total), indexed + "\n" + es.request("GET", "/_cat/indices", null).body());
        // The file store buffers by day, as out_file does; SIGUSR1 flushes every buffer, as it does in Fluentd.
        agent.signal("USR1");
        OutputFiles.awaitAll(out, total, Duration.ofSeconds(30));
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
        assertEquals(0, OutputFiles.duplicates(OutputFiles.seqCounts(out, total)));
        assertTrue(agent.stderr().contains("Detected ES 8.x or above: This parameter has no effect. (type_name app)"),
                agent.stderr());
    }

    @Test
    void oneHundredThousandEventsForwardThroughTheBufferCountExact() throws Exception {
        int port = agents.freePort();
        // Deterministic ids: on a busy machine a bulk can outlast request_timeout after Elasticsearch indexed it.
        Path conf = config(port, es.port(), "id_generation deterministic", "chunk_limit_size 2m\nflush_thread_count 2");
        int total = 100_000;
        AgentProcess agent = agents.start("-c", conf.toString());
        new ForwardFeeder(port, "load.app", 1000, 8).send(total, Duration.ofMinutes(2));
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> es.count("load") >= total);
        IndexedSeqs indexed = IndexedSeqs.of(es, "load");
        assertTrue(indexed.exactly(0, total), indexed.toString());
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
    }

    @Test
    void refusedItems503TimeoutsAndCutAnswersLoseNothingAndDuplicateNothing() throws Exception {
        int port = agents.freePort();
        try (FaultProxy proxy = new FaultProxy(es.url())) {
            // One bulk in five or so meets a fault; some are never answered, or cut off, after Elasticsearch indexed
            // the documents, so a plain retry would index them twice. The timeout is the machine's: only a held
            // answer times out.
            proxy.next(new FaultProxy.RejectItems(Set.of(0, 7, 100, 101, 102), 429, "es_rejected_execution_exception"),
                    new FaultProxy.Status(503),
                    new FaultProxy.Held(),
                    new FaultProxy.RejectItems(Set.of(3), 503, "unavailable_shards_exception"),
                    new FaultProxy.Cut(),
                    new FaultProxy.Status(503),
                    new FaultProxy.RejectItems(Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 429, "es_rejected_execution_exception"),
                    new FaultProxy.Cut(),
                    new FaultProxy.Held());
            Path conf = config(port, proxy.port(), "id_generation deterministic\nrequest_timeout "
                    + MachineSpeed.allowParam(Duration.ofSeconds(2)),
                    "chunk_limit_size 256k\nretry_wait 200ms\nretry_max_interval 1s");
            int total = 20_000;
            try (AgentProcess agent = agents.start("-c", conf.toString())) {
                new ForwardFeeder(port, "load.app", 500, 4).send(total, Duration.ofMinutes(1));
                Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                        .until(() -> es.count("load") >= total && proxy.faultsLeft() == 0);
                IndexedSeqs indexed = IndexedSeqs.of(es, "load");
                assertTrue(indexed.exactly(0, total), indexed + " after " + proxy.bulks() + " bulks\n" + duplicates(indexed)
                        + "\n" + agent.stderr());
                assertEquals(0, agent.stop(Duration.ofSeconds(30)));
                assertTrue(agent.stderr().contains("[warn]: [out_es] failed to flush the buffer"), agent.stderr());
            }
        }
    }

    @Test
    void elasticsearchKilledForThirtySecondsMidStreamLosesNothingAndDuplicatesNothing() throws Exception {
        int port = agents.freePort();
        // A restarted server on a busy machine answers slowly for a while: the time limit is the machine's, so
        // that what the test waits for is the outage, not a storm of retries of bulks that did go in.
        Path conf = config(port, es.port(), "id_generation deterministic\nrequest_timeout "
                + MachineSpeed.allowParam(Duration.ofSeconds(5)), "chunk_limit_size 256k\nretry_wait 500ms\nretry_max_interval 2s");
        int before = 30_000;
        int during = 10_000;
        AgentProcess agent = agents.start("-c", conf.toString());
        CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> feed(port, 0, before));
        // Killed while bulks are in flight: some documents indexed whose answer never came back. The index is
        // created by the agent's first bulk; until its shard is allocated a count answers 503: poll on.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> es.count("load") >= 2_000);
        es.crash();
        long downSince = System.nanoTime();
        feeding.join();
        // The buffer takes (and acks) what arrives while Elasticsearch is down.
        feed(port, before, during);
        agent.awaitLog("[warn]: [out_es] failed to flush the buffer", Duration.ofSeconds(30));
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                .until(() -> System.nanoTime() - downSince >= Duration.ofSeconds(30).toNanos());
        es.restart();
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> es.count("load") >= before + during);
        IndexedSeqs indexed = IndexedSeqs.of(es, "load");
        assertTrue(indexed.exactly(0, before + during), indexed.toString());
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
    }

    /**
     * A file chunk far larger than the heap (the Kubernetes example's pipeline: forward → file buffer →
     * elasticsearch, with the agent's heap smaller than the 80m the launcher gives it under a 200 MiB limit): ~130 MB
     * of events buffered while Elasticsearch is unreachable, then sent as one chunk when it comes up. The output sends
     * it one request at a time; reading it whole killed the agent with "Java heap space".
     */
    @Test
    void aChunkTwiceTheHeapIsIndexedWholeWithASixtyFourMegabyteHeap() throws Exception {
        int port = agents.freePort();
        int esPort = agents.freePort();   // nothing listens there until the proxy comes up
        Path conf = config(port, esPort, "id_generation deterministic\nrequest_timeout 60s",
                "chunk_limit_size 256m\nflush_interval 1h\nretry_wait 1s\nretry_max_interval 2s");
        int total = 130_000;
        AgentProcess agent = agents.start(Map.of("FLOE_HEAP", "64m"), "-c", conf.toString());
        new ForwardFeeder(port, "load.app", 250, 8).recordSize(1000).send(total, Duration.ofMinutes(3));
        agent.signal("USR1");   // the one chunk of ~130 MB goes to the output now
        // Sending it fails (connection refused), unless reading it has already run the heap out.
        String refused = "[warn]: [out_es] failed to flush the buffer";
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                agent.stderr().contains(refused) || agent.stderr().contains("OutOfMemoryError") || !agent.isAlive());
        assertFalse(agent.stderr().contains("OutOfMemoryError"), agent.stderr());
        assertTrue(agent.stderr().contains(refused), agent.stderr());
        try (FaultProxy cluster = new FaultProxy(es.url(), esPort)) {
            Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> es.count("load") >= total || !agent.isAlive());
            assertTrue(agent.isAlive(), agent.stderr());
            IndexedSeqs indexed = IndexedSeqs.of(es, "load");
            assertTrue(indexed.exactly(0, total), indexed.toString());
            assertTrue(cluster.bulks() >= 6, "the chunk went in requests of at most 20 MiB: " + cluster.bulks());
            assertEquals(0, agent.stop(Duration.ofSeconds(30)));
            assertFalse(agent.stderr().contains("OutOfMemoryError"), agent.stderr());
        }
    }

    /** The duplicated documents with their ids, for a failure message. */
    private static String duplicates(IndexedSeqs indexed) throws Exception {
        StringBuilder b = new StringBuilder();
        for (long seq : indexed.duplicated()) {
            b.append(es.request("POST", "/load/_search", "{\"query\":{\"term\":{\"seq\":" + seq + "}},\"_source\":[\"seq\"]}").body())
                    .append('\n');
        }
        return b.toString();
    }

    private static void feed(int port, long first, int count) {
        try {
            new ForwardFeeder(port, "load.app", 500, 4).firstSeq(first).send(count, Duration.ofMinutes(1));
        } catch (Exception e) {
            throw new AssertionError("feeding " + count + " events from " + first, e);
        }
    }
}
