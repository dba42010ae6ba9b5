package io.floe.outputs.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.api.Chunk;
import io.floe.api.ChunkIds;
import io.floe.api.PluginContext;
import io.floe.codec.event.Event;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.testkit.es.ElasticsearchServer;
import io.floe.outputs.TestSupport;
import io.floe.testkit.FakeContext;
import io.floe.testkit.RecordingLogger;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.event.Level;

/** Plugins bound from config text, chunks of numbered events, and reads of what reached Elasticsearch. */
final class EsTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    /** 2026-11-21T04:47:43Z, the time of the events Fluentd was seen sending. */
    static final long T = Instant.parse("2026-11-21T04:47:43Z").getEpochSecond();

    private EsTestSupport() {
    }

    /** An output from {@code key value} lines, bound by the real Binder and started. */
    static ElasticsearchOutput start(RecordingLogger log, String... conf) throws IOException {
        ElasticsearchOutput o = new ElasticsearchOutput(TestSupport.bind(ElasticsearchOutput.Config.class, conf), ctx(log),
                ZoneOffset.UTC);
        o.start();
        return o;
    }

    static ElasticsearchOutput start(String... conf) throws IOException {
        return start(new RecordingLogger("test", Level.INFO), conf);
    }

    /** An output on the {@code target} lines (where the cluster is, how long to wait for it), then a test's own. */
    static ElasticsearchOutput start(RecordingLogger log, List<String> target, String... more) throws IOException {
        return start(log, Stream.concat(target.stream(), Stream.of(more)).toArray(String[]::new));
    }

    /** Events {@code {"n": from..from+count-1, "msg": "event N"}} at time T, in one tagged stream. */
    static EventStream numbered(int from, int count) {
        EventStreamWriter w = new EventStreamWriter(count * 40);
        for (int i = from; i < from + count; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("n", (long) i);
            r.put("msg", "event " + i);
            w.add(new EventTime(T, i % 1000 * 1000), r);
        }
        return w.build();
    }

    static Chunk chunk(String id, String tag, EventStream events) {
        return new Chunk(id, tag, null, Map.of(), List.of(new Chunk.Tagged(tag, events)));
    }

    /** What the engine hands back after a partial write: only the events to retry, under a new chunk id (the buffer rebuilds it). */
    static Chunk remainder(Chunk original, List<Chunk.Tagged> retry) {
        return new Chunk(ChunkIds.next(), original.tag(), original.slice(), original.variables(), retry);
    }

    /** The same remainder as a process that did not hand it back sees it (after a restart): the original chunk id. */
    static Chunk replayedRemainder(Chunk original, List<Chunk.Tagged> retry) {
        return new Chunk(original.id(), original.tag(), original.slice(), original.variables(), retry);
    }

    /** The "n" fields of some tagged streams, in order. */
    static List<Long> numbers(List<Chunk.Tagged> parts) throws IOException {
        List<Long> out = new ArrayList<>();
        for (Chunk.Tagged t : parts) {
            for (Event e : t.events().decode()) {
                out.add((Long) e.record().get("n"));
            }
        }
        return out;
    }

    static JsonNode search(ElasticsearchServer es, String index, String query) throws Exception {
        es.request("POST", "/" + index + "/_refresh", null);
        ElasticsearchServer.Response r = es.request("POST", "/" + index + "/_search", query);
        assertEquals(200, r.status(), r.body());
        return JSON.readTree(r.body());
    }

    /** The distinct values of "n" in an index and how many documents there are (duplicates show as more docs). */
    static long distinctNumbers(ElasticsearchServer es, String index) throws Exception {
        JsonNode r = search(es, index, "{\"size\":0,\"aggs\":{\"n\":{\"cardinality\":{\"field\":\"n\",\"precision_threshold\":40000}}}}");
        return r.path("aggregations").path("n").path("value").asLong();
    }

    /** Every one of {@code n} numbered events is in {@code index} once: n documents, n distinct numbers. */
    static void assertEachIndexedOnce(ElasticsearchServer es, String index, long n) throws Exception {
        assertEquals(n, es.count(index), "documents in " + index);
        assertEquals(n, distinctNumbers(es, index), "distinct events in " + index);
    }

    static PluginContext ctx(RecordingLogger log) {
        return new FakeContext("es_test", "elasticsearch", log);
    }
}
