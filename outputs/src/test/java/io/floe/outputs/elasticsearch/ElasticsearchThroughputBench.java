package io.floe.outputs.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.floe.api.Chunk;
import io.floe.api.ChunkIds;
import io.floe.codec.event.Event;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.bench.es.BulkLoader;
import io.floe.testkit.es.ElasticsearchServer;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/**
 * Rough figures, not a test of speed: docs/s the output pushes into a real Elasticsearch against the ceiling
 * (BulkLoader posting the same documents, pre-encoded, in the same batches), and the typed client's bulk with map
 * documents, which the output does not use. One connection, sequential, as one flush thread.
 * Not part of the default run (its name matches neither *Test nor *IT); run it with
 * {@code mvn -pl bench,outputs -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ElasticsearchThroughputBench}.
 */
class ElasticsearchThroughputBench {
    static final int DOCS = Integer.getInteger("floe.es.bench.docs", 100_000);
    static final int BATCH = 1000;
    static final int PAD = 100;

    static List<Chunk> chunks(int docs) {
        List<Chunk> out = new ArrayList<>();
        for (int from = 0; from < docs; from += BATCH) {
            EventStreamWriter w = new EventStreamWriter(BATCH * 160);
            for (long n = from; n < from + BATCH; n++) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("n", n);
                r.put("msg", "event " + n);
                r.put("pad", "x".repeat(PAD));
                w.add(new EventTime(EsTestSupport.T, 0), r);
            }
            out.add(EsTestSupport.chunk(ChunkIds.next(), "bench.load", w.build()));
        }
        return out;
    }

    @Test
    void outputAgainstCeiling() throws Exception {
        try (ElasticsearchServer es = ElasticsearchServer.builder().start()) {
            String[] conf = {"host 127.0.0.1", "port " + es.port(), "logstash_format true", "include_tag_key true",
                "tag_key @log_name"};
            // Warm both sides (JIT in this JVM and in the server) before measuring.
            plugin(es, conf, "warm", 20_000);
            BulkLoader.load(es.url(), null, BulkLoader.bodies("warm-ceiling", 20_000, BATCH, PAD), 20_000, 1);
            typed(es, "warm-typed", 10_000);

            // Alternate rounds, best of each: the machine is shared and the server warms up as it goes.
            double ceilingRate = 0;
            double pluginRate = 0;
            for (int round = 0; round < 3; round++) {
                BulkLoader.Result c = BulkLoader.load(es.url(), null, BulkLoader.bodies("ceiling" + round, DOCS, BATCH, PAD), DOCS, 1);
                assertEquals(0, c.errors());
                ceilingRate = Math.max(ceilingRate, c.docsPerSecond());
                double p = plugin(es, conf, "plugin" + round, DOCS);
                pluginRate = Math.max(pluginRate, p);
                assertEquals(DOCS, es.count("plugin" + round + "-2026.11.21"));
                System.out.printf(Locale.ROOT, "round %d: ceiling %.0f docs/s, output %.0f docs/s%n", round, c.docsPerSecond(), p);
                es.deleteAllIndices();
            }
            double typedRate = typed(es, "typed", DOCS);
            double encodeRate = encodeOnly(conf);
            System.out.printf(Locale.ROOT, "docs=%d batch=%d: ceiling %.0f docs/s, output %.0f docs/s (%.0f%%), typed client "
                    + "with map documents %.0f docs/s, encoding alone %.0f docs/s%n", DOCS, BATCH, ceilingRate, pluginRate,
                    100 * pluginRate / ceilingRate, typedRate, encodeRate);
        }
    }

    static double plugin(ElasticsearchServer es, String[] conf, String prefix, int docs) throws Exception {
        String[] c = java.util.Arrays.copyOf(conf, conf.length + 1);
        c[conf.length] = "logstash_prefix " + prefix;
        ElasticsearchOutput out = EsTestSupport.start(c);
        try {
            List<Chunk> chunks = chunks(docs);
            long t0 = System.nanoTime();
            for (Chunk ch : chunks) {
                assertTrue(out.write(ch).isOk());
            }
            return docs / ((System.nanoTime() - t0) / 1e9);
        } finally {
            out.stop();
        }
    }

    static double encodeOnly(String[] conf) throws Exception {
        BulkBodyEncoder e = new BulkBodyEncoder(ElasticsearchOutput.encoderSettings(
                io.floe.outputs.TestSupport.bind(ElasticsearchOutput.Config.class, conf), ZoneOffset.UTC));
        List<Chunk> chunks = chunks(DOCS);
        for (Chunk ch : chunks.subList(0, 20)) {
            e.encode(ch);
        }
        long t0 = System.nanoTime();
        long bytes = 0;
        for (Chunk ch : chunks) {
            bytes += e.encode(ch).bulks().get(0).body().size();
        }
        assertTrue(bytes > 0);
        return DOCS / ((System.nanoTime() - t0) / 1e9);
    }

    /** The alternative: decode each record to a map and let the typed client serialize it. */
    static double typed(ElasticsearchServer es, String index, int docs) throws Exception {
        List<Chunk> chunks = chunks(docs);
        try (RestClientTransport t = new RestClientTransport(RestClient.builder(new HttpHost("127.0.0.1", es.port())).build(),
                new JacksonJsonpMapper())) {
            ElasticsearchClient client = new ElasticsearchClient(t);
            long t0 = System.nanoTime();
            for (Chunk ch : chunks) {
                BulkRequest.Builder b = new BulkRequest.Builder();
                EventStream s = ch.streams().get(0).events();
                for (Event ev : s.decode()) {
                    Map<String, Object> doc = new LinkedHashMap<>(ev.record());
                    doc.put("@timestamp", "2026-11-21T04:47:43.000000000+00:00");
                    doc.put("@log_name", "bench.load");
                    b.operations(op -> op.index(i -> i.index(index).document(doc)));
                }
                BulkResponse r = client.bulk(b.build());
                assertTrue(!r.errors());
            }
            return docs / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
