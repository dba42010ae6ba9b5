package io.floe.outputs.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.floe.api.Chunk;
import io.floe.api.ChunkIds;
import io.floe.api.WriteResult;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A chunk costs the Elasticsearch output one request's body, however large the chunk: a file buffer's chunk (256 MiB
 * by default) is larger than the heap of an agent in a 200 MiB container. The chunks here read each batch only when
 * asked for it, as the file buffer's do, and note every read; a stub server answers the bulk requests and notes each
 * one in the same log, so the order of reads and requests shows how far encoding ran ahead of sending.
 */
class ElasticsearchChunkMemoryTest {
    private static final int BATCHES = 300;
    private static final int PER_BATCH = 100;
    private static final String PAD = "x".repeat(300);

    /** "read i" for each batch read, "bulk n" for each request of n items, in the order they happened. */
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/_bulk", ex -> {
            int items;
            try (InputStream in = ex.getRequestBody()) {
                items = lines(in.readAllBytes()) / 2;
            }
            requests.incrementAndGet();
            log.add("bulk " + items);
            String mode = answers.isEmpty() ? "ok" : answers.poll();
            byte[] body = (mode.equals("503") ? "{\"error\":\"unavailable\"}" : itemsAnswer(items, mode.equals("429")))
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(mode.equals("503") ? 503 : 200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    @Test
    void theEncoderHandsOnEachBulkInTheSameBodyBeforeReadingFurther() throws Exception {
        BulkBodyEncoder encoder = BulkBodyEncoderTest.encoder(ZoneOffset.UTC, "bulk_message_request_threshold 256k");
        Chunk chunk = lazyChunk();
        List<ByteSink> bodies = new ArrayList<>();
        int[] items = {0};
        BulkBodyEncoder.Invalid invalid = encoder.encode(chunk, null, bulk -> {
            bodies.add(bulk.body());
            assertTrue(bulk.body().array().length <= 256 * 1024, "the body grew to " + bulk.body().array().length);
            assertEquals(items[0], bulk.items().chunkPosition(0), "bulks follow each other through the chunk");
            items[0] += bulk.items().size();
            log.add("bulk " + bulk.items().size());
        });
        assertEquals(0, invalid.items().size());
        assertEquals(BATCHES * PER_BATCH, items[0]);
        assertTrue(bodies.size() > 20, "bulks: " + bodies.size());
        for (ByteSink b : bodies) {
            assertSame(bodies.get(0), b, "one body, filled again for each bulk");
        }
        assertReadsKeepPaceWithBulks();
    }

    @Test
    void eachRequestIsAnsweredBeforeTheNextIsEncoded() throws Exception {
        ElasticsearchOutput out = output("bulk_message_request_threshold 256k");
        try {
            assertTrue(out.write(lazyChunk()).isOk());
        } finally {
            out.stop();
        }
        assertTrue(requests.get() > 20, "requests: " + requests.get());
        assertReadsKeepPaceWithBulks();
    }

    @Test
    void aRequestFailingMidChunkRetriesOnlyTheRestWhenThatFitsInOneRequest() throws Exception {
        answers.addAll(List.of("ok", "503"));
        ElasticsearchOutput out = output("bulk_message_request_threshold 64k");
        try {
            WriteResult r = out.write(EsTestSupport.chunk(ChunkIds.next(), "app", EsTestSupport.numbered(0, 2000)));
            assertEquals(2, requests.get(), log.toString());
            int first = Integer.parseInt(log.get(0).substring("bulk ".length()));
            List<Long> retried = EsTestSupport.numbers(r.retry());
            assertEquals(2000 - first, retried.size());
            assertEquals((long) first, retried.get(0));
            assertEquals(1999L, retried.get(retried.size() - 1));
        } finally {
            out.stop();
        }
    }

    @Test
    void aRequestFailingEarlyInALargeChunkSendsTheWholeChunkBackAndStopsSending() throws Exception {
        answers.addAll(List.of("ok", "503"));
        ElasticsearchOutput out = output("bulk_message_request_threshold 64k");
        try {
            // ~11 MB of events: what is left to retry passes 8 MiB, the least the copies may take.
            Chunk chunk = EsTestSupport.chunk(ChunkIds.next(), "app", EsTestSupport.numbered(0, 300_000));
            IOException e = assertThrows(IOException.class, () -> out.write(chunk));
            assertTrue(e.getMessage().contains("the whole chunk is retried"), e.getMessage());
            assertEquals(2, requests.get(), "nothing is sent after the failed request: " + log);
        } finally {
            out.stop();
        }
    }

    @Test
    void itemsRefusedWith429AreCopiedForRetryUpToOneRequestsWorthAndAtLeast8MiB() throws Exception {
        for (int i = 0; i < 40; i++) {
            answers.add("429");
        }
        ElasticsearchOutput out = output("bulk_message_request_threshold 1m");
        try {
            // The refused items of several requests are handed back, only those.
            WriteResult r = out.write(EsTestSupport.chunk(ChunkIds.next(), "app", EsTestSupport.numbered(0, 50_000)));
            assertEquals(50_000, EsTestSupport.numbers(r.retry()).size());
            int small = requests.get();
            assertTrue(small > 1, "requests: " + small);
            // Every item of every request refused: the copies would grow with the chunk, so it goes back whole,
            // and the rest of it is not sent.
            Chunk large = EsTestSupport.chunk(ChunkIds.next(), "app", EsTestSupport.numbered(0, 300_000));
            IOException e = assertThrows(IOException.class, () -> out.write(large));
            assertTrue(e.getMessage().contains("the whole chunk is retried"), e.getMessage());
            int bulksOfTheChunk = (int) (300_000L * small / 50_000);
            assertTrue(requests.get() - small < bulksOfTheChunk - 2, (requests.get() - small) + " of ~" + bulksOfTheChunk);
        } finally {
            out.stop();
        }
    }

    private ElasticsearchOutput output(String threshold) throws IOException {
        return EsTestSupport.start("host 127.0.0.1", "port " + server.getAddress().getPort(), "index_name mem",
                "verify_es_version_at_startup false", "request_timeout 60s", threshold);
    }

    /**
     * Between two bulks, no more batches are read than the second bulk's events span, plus the one whose event did
     * not fit: encoding never runs ahead of sending (before the first bulk, the chunk may be walked whole to size the
     * body).
     */
    private void assertReadsKeepPaceWithBulks() {
        int firstBulk = -1;
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).startsWith("bulk ")) {
                firstBulk = i;
                break;
            }
        }
        assertTrue(firstBulk > 0, tail());
        int reads = 0;
        int readsAfterFirst = 0;
        for (String entry : log.subList(firstBulk + 1, log.size())) {
            if (entry.startsWith("read ")) {
                reads++;
                readsAfterFirst++;
            } else {
                int items = Integer.parseInt(entry.substring("bulk ".length()));
                int spans = (items + PER_BATCH - 1) / PER_BATCH + 1;
                assertTrue(reads <= spans, reads + " batches read for a bulk of " + items + " events: " + tail());
                reads = 0;
            }
        }
        assertTrue(readsAfterFirst >= BATCHES - 10, "the chunk is read while it is sent: " + readsAfterFirst);
    }

    private String tail() {
        return log.subList(Math.max(0, log.size() - 60), log.size()).toString();
    }

    /** 30,000 events of ~330 bytes in 300 batches, each made when asked for, as a file chunk reads them from disk. */
    private Chunk lazyChunk() {
        List<Chunk.Tagged> streams = new AbstractList<>() {
            @Override
            public Chunk.Tagged get(int i) {
                log.add("read " + i);
                EventStreamWriter w = new EventStreamWriter();
                for (int j = 0; j < PER_BATCH; j++) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("n", (long) i * PER_BATCH + j);
                    r.put("pad", PAD);
                    w.add(new EventTime(EsTestSupport.T, 0), r);
                }
                EventStream s = w.build();
                return new Chunk.Tagged("app", s);
            }

            @Override
            public int size() {
                return BATCHES;
            }
        };
        return new Chunk(ChunkIds.next(), "app", null, Map.of(), streams);
    }

    private static int lines(byte[] body) {
        int n = 0;
        for (byte b : body) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String itemsAnswer(int items, boolean refuse) {
        StringBuilder b = new StringBuilder("{\"errors\":").append(refuse).append(",\"items\":[");
        for (int i = 0; i < items; i++) {
            b.append(i == 0 ? "" : ",").append(refuse
                    ? "{\"index\":{\"status\":429,\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"queue full\"}}}"
                    : "{\"index\":{\"status\":201}}");
        }
        return b.append("]}").toString();
    }
}
