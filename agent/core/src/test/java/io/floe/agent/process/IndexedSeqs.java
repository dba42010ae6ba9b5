package io.floe.agent.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.bench.es.BulkLoader;
import io.floe.testkit.es.ElasticsearchServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What reached Elasticsearch, read back by the {@code seq} every fed event carries: how many documents, the lowest
 * and highest number, and the numbers indexed more than once. Exact on the one-shard indices these tests write.
 * {@code others} are the documents without a {@code seq}: with a catch-all {@code <match *.**>} and no
 * {@code <label @FLUENT_LOG>}, the agent's own log events ({@code fluent.info} "worker is now running", ...)
 * are routed there too, as Fluentd routes its own.
 */
record IndexedSeqs(long docs, long min, long max, List<Long> duplicated, List<JsonNode> others) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY = """
            {"size":0,"track_total_hits":true,"query":{"exists":{"field":"seq"}},
             "aggs":{"min":{"min":{"field":"seq"}},"max":{"max":{"field":"seq"}},
             "dups":{"terms":{"field":"seq","min_doc_count":2,"size":20}}}}""";
    private static final String OTHERS = """
            {"size":20,"query":{"bool":{"must_not":{"exists":{"field":"seq"}}}}}""";

    static IndexedSeqs of(ElasticsearchServer es, String indices) throws IOException, InterruptedException {
        if (es.count(indices) == 0) {
            return new IndexedSeqs(0, -1, -1, List.of(), List.of());
        }
        JsonNode seqs = search(es, indices, QUERY);
        JsonNode aggs = seqs.path("aggregations");
        List<Long> dups = new ArrayList<>();
        aggs.path("dups").path("buckets").forEach(b -> dups.add(b.path("key").asLong()));
        List<JsonNode> others = new ArrayList<>();
        search(es, indices, OTHERS).path("hits").path("hits").forEach(h -> others.add(h.path("_source")));
        long docs = seqs.path("hits").path("total").path("value").asLong();
        return new IndexedSeqs(docs, aggs.path("min").path("value").asLong(), aggs.path("max").path("value").asLong(), dups,
                others);
    }

    private static JsonNode search(ElasticsearchServer es, String indices, String query) throws IOException, InterruptedException {
        ElasticsearchServer.Response r = es.request("POST", "/" + indices + "/_search", query);
        if (r.status() != 200) {
            throw new IOException("search of " + indices + ": " + r.status() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** The documents without a seq are the agent's own log events and nothing else. */
    boolean othersAreAgentLogs() {
        return others.stream().allMatch(d -> d.path("message").isTextual() && !d.has("log"));
    }

    /**
     * Indexes and deletes 20,000 documents: a fresh server's first bulk requests are slow (cold JIT, first mappings)
     * and on a busy machine can outlast the output's 5 s request_timeout, whose retry would then duplicate.
     */
    static void warmUp(ElasticsearchServer es) throws IOException, InterruptedException {
        BulkLoader.load(es.url(), es.password(), BulkLoader.bodies("warm-up", 20_000, 1000, 100), 20_000, 1);
        es.request("DELETE", "/warm-up", null);
    }

    /** Every number from {@code first} to {@code first + total - 1} is there, once, and nothing else. */
    boolean exactly(long first, long total) {
        return everySeqOnce(first, total) && others.isEmpty();
    }

    /** Every number once; besides them only the agent's own log events, which a catch-all match also indexes. */
    boolean exactlyBesidesAgentLogs(long first, long total) {
        return everySeqOnce(first, total) && othersAreAgentLogs();
    }

    private boolean everySeqOnce(long first, long total) {
        return docs == total && min == first && max == first + total - 1 && duplicated.isEmpty();
    }

    /** Counted as documents: what would show as more hits than events in Kibana. */
    long extraDocs(long total) {
        return docs - total;
    }
}
