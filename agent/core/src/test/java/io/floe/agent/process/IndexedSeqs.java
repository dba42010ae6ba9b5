package io.floe.agent.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.bench.es.BulkLoader;
import io.floe.bench.es.ElasticsearchServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What reached Elasticsearch, read back by the {@code seq} every fed event carries: how many documents, the lowest
 * and highest number, and the numbers indexed more than once. Exact on the one-shard indices these tests write.
 */
record IndexedSeqs(long docs, long min, long max, List<Long> duplicated) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY = """
            {"size":0,"aggs":{"min":{"min":{"field":"seq"}},"max":{"max":{"field":"seq"}},
             "dups":{"terms":{"field":"seq","min_doc_count":2,"size":20}}}}""";

    static IndexedSeqs of(ElasticsearchServer es, String indices) throws IOException, InterruptedException {
        long docs = es.count(indices);
        if (docs == 0) {
            return new IndexedSeqs(0, -1, -1, List.of());
        }
        ElasticsearchServer.Response r = es.request("POST", "/" + indices + "/_search", QUERY);
        if (r.status() != 200) {
            throw new IOException("search of " + indices + ": " + r.status() + " " + r.body());
        }
        JsonNode aggs = JSON.readTree(r.body()).path("aggregations");
        List<Long> dups = new ArrayList<>();
        aggs.path("dups").path("buckets").forEach(b -> dups.add(b.path("key").asLong()));
        return new IndexedSeqs(docs, aggs.path("min").path("value").asLong(), aggs.path("max").path("value").asLong(), dups);
    }

    /**
     * Indexes and deletes 20,000 documents: a fresh server's first bulk requests are slow (cold JIT, first mappings)
     * and on a busy machine can outlast the output's 5 s request_timeout, whose retry would then duplicate.
     */
    static void warmUp(ElasticsearchServer es) throws IOException, InterruptedException {
        BulkLoader.load(es.url(), es.password(), BulkLoader.bodies("warm-up", 20_000, 1000, 100), 20_000, 1);
        es.request("DELETE", "/warm-up", null);
    }

    /** Every number from {@code first} to {@code first + total - 1} is there, and nothing else. */
    boolean exactly(long first, long total) {
        return docs == total && min == first && max == first + total - 1 && duplicated.isEmpty();
    }

    /** Counted as documents: what would show as more hits than events in Kibana. */
    long extraDocs(long total) {
        return docs - total;
    }
}
