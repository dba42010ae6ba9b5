package io.floe.outputs.elasticsearch;

import static io.floe.outputs.elasticsearch.EsTestSupport.assertEachIndexedOnce;
import static io.floe.outputs.elasticsearch.EsTestSupport.chunk;
import static io.floe.outputs.elasticsearch.EsTestSupport.numbered;
import static io.floe.outputs.elasticsearch.EsTestSupport.numbers;
import static io.floe.outputs.elasticsearch.EsTestSupport.remainder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.Chunk;
import io.floe.api.ChunkIds;
import io.floe.api.WriteResult;
import io.floe.outputs.TestResources;
import io.floe.testkit.MachineSpeed;
import io.floe.testkit.RecordingLogger;
import io.floe.testkit.es.ElasticsearchServer;
import io.floe.testkit.es.FaultProxy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

/**
 * Failures between the plugin and a real Elasticsearch, injected by a proxy: the plugin hands back exactly the
 * failed items for retry (or throws when the whole request failed), and with deterministic ids no retry ever leaves
 * a duplicate behind.
 */
class ElasticsearchFaultsIT {
    /**
     * Long enough for any answer Elasticsearch gives on a busy machine: a request times out only when the proxy holds
     * its answer back ({@link FaultProxy.Held}), never because the server was slow, which would fail a retry the test
     * expects to succeed.
     */
    static final Duration REQUEST_TIMEOUT = MachineSpeed.allow(Duration.ofSeconds(3));
    static final String INDEX = "faults";
    @RegisterExtension
    static final RunningElasticsearch ES = new RunningElasticsearch(ElasticsearchServer.builder());
    @RegisterExtension
    final TestResources resources = new TestResources();
    ElasticsearchServer es;
    FaultProxy proxy;

    @BeforeEach
    void startProxy() throws Exception {
        es = ES.server();
        proxy = resources.close(new FaultProxy(es.url()));
    }

    /** An output writing to {@link #INDEX} through the proxy, stopped after the test. */
    ElasticsearchOutput output(String... more) throws IOException {
        return resources.stop(EsTestSupport.start(new RecordingLogger("test", Level.INFO), List.of("host 127.0.0.1",
                "port " + proxy.port(), "request_timeout " + REQUEST_TIMEOUT.toMillis() + "ms", "index_name " + INDEX), more));
    }

    /** The events {@code partial} handed back for retry are written by {@code out}, and with them the whole chunk. */
    void assertRetryCompletes(ElasticsearchOutput out, Chunk original, WriteResult partial, int events) throws Exception {
        assertTrue(out.write(remainder(original, partial.retry())).isOk());
        assertEachIndexedOnce(es, INDEX, events);
    }

    @Test
    void itemsRefusedWith429AreExactlyTheOnesHandedBackAndTheRetryCompletesTheIndex() throws Exception {
        ElasticsearchOutput out = output();
        Chunk c = chunk(ChunkIds.next(), "app", numbered(0, 100));
        proxy.next(new FaultProxy.RejectItems(Set.of(3, 50, 99), 429, "es_rejected_execution_exception"));
        WriteResult r = out.write(c);
        assertEquals(List.of(3L, 50L, 99L), numbers(r.retry()));
        assertEquals(List.of(), r.rejected());
        assertTrue(r.reason().startsWith("to retry: 429 es_rejected_execution_exception: injected by the test proxy (3 events)"),
                r.reason());
        assertEquals(97, es.count(INDEX));
        assertRetryCompletes(out, c, r, 100);
    }

    @Test
    void itemLevel503And429AreRetriedUntilEveryEventIsIn() throws Exception {
        ElasticsearchOutput out = output("id_generation deterministic");
        Chunk c = chunk(ChunkIds.next(), "app", numbered(0, 20));
        proxy.next(new FaultProxy.RejectItems(Set.of(0, 1), 503, "unavailable_shards_exception"),
                new FaultProxy.RejectItems(Set.of(0), 429, "es_rejected_execution_exception"));
        WriteResult r = out.write(c);
        assertEquals(List.of(0L, 1L), numbers(r.retry()));
        // The remainder comes back under a new chunk id; its events keep the ids of positions 0 and 1.
        Chunk rest = remainder(c, r.retry());
        WriteResult r2 = out.write(rest);
        assertEquals(List.of(0L), numbers(r2.retry()));
        assertRetryCompletes(out, rest, r2, 20);
    }

    @Test
    void wholeRequest503ThrowsSoTheEngineRetriesTheChunk() throws Exception {
        ElasticsearchOutput out = output();
        Chunk c = chunk(ChunkIds.next(), "app", numbered(0, 10));
        proxy.next(new FaultProxy.Status(503));
        IOException e = assertThrows(IOException.class, () -> out.write(c));
        assertTrue(e.getMessage().startsWith("could not push logs to Elasticsearch cluster (http://127.0.0.1:"
                + proxy.port() + "): 503 Service Unavailable"), e.getMessage());
        assertEquals(0, es.count(INDEX));
        assertTrue(out.write(c).isOk());
        assertEquals(10, es.count(INDEX));
    }

    @Test
    void timeoutsAndCutAnswersNeverDuplicateWithDeterministicIds() throws Exception {
        ElasticsearchOutput out = output("id_generation deterministic");
        Chunk c = chunk(ChunkIds.next(), "app", numbered(0, 500));
        proxy.next(new FaultProxy.Held(), new FaultProxy.Cut());
        // Both times Elasticsearch indexed the bulk but the plugin could not know: it must throw.
        assertUnansweredWriteThrows(out, c);
        IOException cut = assertThrows(IOException.class, () -> out.write(c));
        assertTrue(cut.getMessage().contains("could not push logs"), cut.getMessage());
        WriteResult r = out.write(c);   // create with the same ids: 409s, counted as written
        assertTrue(r.isOk(), String.valueOf(r.reason()));
        assertEquals(500, es.count(INDEX));
        assertEquals(3, proxy.bulks());
    }

    @Test
    void anEventIndexedByAnUnansweredAttemptThenRefusedWith429KeepsItsIdOnTheNextRetry() throws Exception {
        ElasticsearchOutput out = output("id_generation deterministic");
        Chunk c = chunk(ChunkIds.next(), "app", numbered(0, 20));
        // Attempt 1 indexes all 20 but its answer never comes; attempt 2 finds the shard queue full for
        // item 3 (429 before Elasticsearch looks at the id) and 409 for the rest.
        proxy.next(new FaultProxy.Held(), new FaultProxy.RejectItems(Set.of(3), 429,
                "es_rejected_execution_exception"));
        assertUnansweredWriteThrows(out, c);
        WriteResult r = out.write(c);
        assertEquals(List.of(3L), numbers(r.retry()));
        assertTrue(out.write(remainder(c, r.retry())).isOk());
        assertEquals(20, es.count(INDEX), "event 3 keeps the id it was indexed with: 409, not a second document");
    }

    @Test
    void aRemainderReplayedByAnotherProcessNeverTakesTheIdsOfWrittenEvents() throws Exception {
        Chunk c = chunk(ChunkIds.next(), "app", numbered(0, 20));
        ElasticsearchOutput before = output("id_generation deterministic");
        proxy.next(new FaultProxy.RejectItems(Set.of(5, 6), 503, "unavailable_shards_exception"));
        WriteResult r = before.write(c);
        assertEquals(List.of(5L, 6L), numbers(r.retry()));
        before.stop();
        // After a restart nobody knows where events 5 and 6 sat: their ids must still differ from events 0 and 1's.
        ElasticsearchOutput after = output("id_generation deterministic");
        assertTrue(after.write(EsTestSupport.replayedRemainder(c, r.retry())).isOk());
        assertEachIndexedOnce(es, INDEX, 20);
    }

    @Test
    void withoutIdsTheSameTimeoutDuplicates() throws Exception {
        // Why id_generation exists: Fluentd's plugin duplicates exactly like this (its issues #312, #796).
        ElasticsearchOutput out = output();
        Chunk c = chunk(ChunkIds.next(), "app", numbered(0, 50));
        proxy.next(new FaultProxy.Held());
        assertUnansweredWriteThrows(out, c);
        assertTrue(out.write(c).isOk());
        assertEquals(100, es.count(INDEX));
        assertEquals(50, EsTestSupport.distinctNumbers(es, INDEX));
    }

    /** A write whose answer the proxy holds back throws, though Elasticsearch indexed it: the plugin cannot know. */
    void assertUnansweredWriteThrows(ElasticsearchOutput out, Chunk c) {
        IOException timeout = assertThrows(IOException.class, () -> out.write(c));
        assertTrue(timeout.getMessage().contains("could not push logs"), timeout.getMessage());
        awaitIndexedButUnanswered();
    }

    /**
     * The attempt that timed out is in Elasticsearch: its answer reached the proxy, which held it back. Waited for
     * (not assumed) so that the retry after it meets the documents whatever the machine's speed.
     */
    void awaitIndexedButUnanswered() {
        Awaitility.await().atMost(REQUEST_TIMEOUT).until(() -> proxy.held() == 1);
    }

    @Test
    void laterRequestsOfASplitChunkAreRetriedAloneWhenOnlyTheyFail() throws Exception {
        ElasticsearchOutput out = output("id_generation deterministic", "bulk_message_request_threshold 4k");
        Chunk c = chunk(ChunkIds.next(), "app", numbered(0, 200));
        proxy.next(new FaultProxy.RejectItems(Set.of(), 0, "none"), new FaultProxy.Status(503));
        WriteResult r = out.write(c);
        List<Long> retried = numbers(r.retry());
        assertTrue(!retried.isEmpty() && retried.size() < 200, "retried " + retried.size());
        // The first request went through; the second failed whole, so it and every later one are retried.
        assertEquals(LongStream.range(200 - retried.size(), 200).boxed().toList(), retried);
        assertRetryCompletes(out, c, r, 200);
    }

    /**
     * A 400 for a whole request says the request itself is wrong: sending it again cannot help, so its events go to
     * {@code @ERROR} at once (never retried, never holding the chunk back) and the chunk's other requests are written.
     */
    @Test
    void aWholeRequestRefusedWith400IsRejectedAtOnceAndTheOtherRequestsAreWritten() throws Exception {
        ElasticsearchOutput out = output("bulk_message_request_threshold 4k");
        Chunk c = chunk(ChunkIds.next(), "app", numbered(0, 200));
        proxy.next(new FaultProxy.RejectItems(Set.of(), 0, "none"), new FaultProxy.Status(400));
        WriteResult r = out.write(c);
        assertEquals(List.of(), r.retry(), "nothing is retried");
        List<Long> rejected = numbers(r.rejected());
        assertTrue(!rejected.isEmpty() && rejected.size() < 200, "rejected " + rejected.size());
        long first = rejected.get(0);
        assertEquals(LongStream.range(first, first + rejected.size()).boxed().toList(), rejected, "exactly the second request");
        assertTrue(r.reason().startsWith("400 - Rejected by Elasticsearch"), r.reason());
        assertEquals(200 - rejected.size(), es.count(INDEX));
    }
}
