package io.floe.outputs.elasticsearch;

import static io.floe.outputs.elasticsearch.EsTestSupport.T;
import static io.floe.outputs.elasticsearch.EsTestSupport.chunk;
import static io.floe.outputs.elasticsearch.EsTestSupport.distinctNumbers;
import static io.floe.outputs.elasticsearch.EsTestSupport.numbered;
import static io.floe.outputs.elasticsearch.EsTestSupport.numbers;
import static io.floe.outputs.elasticsearch.EsTestSupport.search;
import static io.floe.outputs.TestSupport.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.Chunk;
import io.floe.api.ChunkIds;
import io.floe.api.WriteResult;
import io.floe.codec.event.Event;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.testkit.MachineSpeed;
import io.floe.testkit.es.ElasticsearchServer;
import io.floe.testkit.RecordingLogger;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The plugin against a real Elasticsearch 8 (security off): naming, volume, refusals, operations, hosts. */
class ElasticsearchOutputIT {
    /** No test here is about timeouts: the default 5 s is the quiet machine's, a busy one gets more. */
    static final String REQUEST_TIMEOUT = "request_timeout " + MachineSpeed.allowParam(Duration.ofSeconds(5));
    static ElasticsearchServer es;

    @BeforeAll
    static void startElasticsearch() throws Exception {
        es = ElasticsearchServer.builder().start();
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

    static ElasticsearchOutput output(String... more) throws IOException {
        return output(new RecordingLogger("test", Level.INFO), more);
    }

    static ElasticsearchOutput output(RecordingLogger log, String... more) throws IOException {
        String[] all = new String[more.length + 3];
        all[0] = "host " + es.host();
        all[1] = "port " + es.port();
        all[2] = REQUEST_TIMEOUT;
        System.arraycopy(more, 0, all, 3, more.length);
        return EsTestSupport.start(log, all);
    }

    static EventStream one(Map<String, ?> record) {
        return new EventStreamWriter().add(new EventTime(T, 0), record).build();
    }

    @Test
    void tenThousandEventsInChunksAreAllIndexedExactlyOnce() throws Exception {
        ElasticsearchOutput out = output("logstash_format true", "logstash_prefix volume");
        try {
            long t0 = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                assertTrue(out.write(chunk(ChunkIds.next(), "load", numbered(i * 1000, 1000))).isOk());
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            assertEquals(10_000, es.count("volume-2026.11.21"));
            assertEquals(10_000, distinctNumbers(es, "volume-2026.11.21"));
            System.out.printf("10,000 events in 10 chunks: %.2f s (%.0f docs/s, cold)%n", secs, 10_000 / secs);
        } finally {
            out.stop();
        }
    }

    @Test
    void mappingConflictRejectsOnlyTheBadDocumentWithElasticsearchsReason() throws Exception {
        ElasticsearchOutput out = output("index_name conflicts");
        try {
            assertTrue(out.write(chunk(ChunkIds.next(), "app", one(rec("n", 1L)))).isOk());   // maps n as long
            EventStreamWriter w = new EventStreamWriter();
            for (long i = 2; i <= 6; i++) {
                w.add(new EventTime(T, 0), rec("n", i));
                if (i == 4) {
                    w.add(new EventTime(T, 0), rec("n", "not a number", "bad", true));
                }
            }
            WriteResult r = out.write(chunk(ChunkIds.next(), "app", w.build()));
            assertEquals(List.of(), r.retry());
            assertEquals(1, r.rejected().size());
            List<Event> bad = r.rejected().get(0).events().decode();
            assertEquals(List.of(rec("n", "not a number", "bad", true)), bad.stream().map(Event::record).toList());
            assertEquals("app", r.rejected().get(0).tag());
            assertTrue(r.reason().startsWith("400 - Rejected by Elasticsearch [error type]: document_parsing_exception "
                    + "[reason]: [1:6] failed to parse field [n] of type [long]"), r.reason());
            assertTrue(r.reason().endsWith("Preview of field's value: 'not a number' (caused by illegal_argument_exception: "
                    + "For input string: \"not a number\")"), r.reason());
            assertEquals(6, es.count("conflicts"));
        } finally {
            out.stop();
        }
    }

    @Test
    void createTreatsAnExistingIdAsWrittenAndUpdateOfAMissingDocumentIsRejected() throws Exception {
        ElasticsearchOutput create = output("index_name ops", "id_key rid", "write_operation create");
        ElasticsearchOutput upsert = output("index_name ops", "id_key rid", "write_operation upsert");
        ElasticsearchOutput update = output("index_name ops", "id_key rid", "write_operation update");
        try {
            assertTrue(create.write(chunk(ChunkIds.next(), "a", one(rec("rid", "x", "v", 1L)))).isOk());
            assertTrue(create.write(chunk(ChunkIds.next(), "a", one(rec("rid", "x", "v", 2L)))).isOk(), "409 = already there");
            assertTrue(upsert.write(chunk(ChunkIds.next(), "a", one(rec("rid", "y", "v", 3L)))).isOk());
            assertTrue(update.write(chunk(ChunkIds.next(), "a", one(rec("rid", "x", "w", 4L)))).isOk());
            WriteResult missing = update.write(chunk(ChunkIds.next(), "a", one(rec("rid", "nope", "v", 5L))));
            assertEquals(1, missing.rejected().size());
            assertTrue(missing.reason().startsWith("404 - Rejected by Elasticsearch [error type]: document_missing_exception"),
                    missing.reason());
            assertEquals(2, es.count("ops"));
            JsonNode x = EsTestSupport.JSON.readTree(es.request("GET", "/ops/_doc/x", null).body()).path("_source");
            assertEquals("{\"rid\":\"x\",\"v\":1,\"w\":4}", x.toString());
        } finally {
            create.stop();
            upsert.stop();
            update.stop();
        }
    }

    @Test
    void deterministicIdsMakeAResentChunkANoOp() throws Exception {
        ElasticsearchOutput out = output("index_name genid", "id_generation deterministic");
        try {
            Chunk c = chunk(ChunkIds.next(), "app", numbered(0, 300));
            assertTrue(out.write(c).isOk());
            assertTrue(out.write(c).isOk());   // a crash replay of the same chunk
            assertEquals(300, es.count("genid"));
        } finally {
            out.stop();
        }
    }

    @Test
    void failsOverFromADeadHostAndSpreadsOverLiveOnes() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        RecordingLogger log = new RecordingLogger("test", Level.INFO);
        ElasticsearchOutput out = EsTestSupport.start(log, "hosts 127.0.0.1:" + dead + ",http://127.0.0.1:" + es.port(),
                "index_name failover", REQUEST_TIMEOUT);
        try {
            for (int i = 0; i < 6; i++) {
                assertTrue(out.write(chunk(ChunkIds.next(), "app", numbered(i * 10, 10))).isOk());
            }
            assertEquals(60, es.count("failover"));
            assertTrue(log.at(Level.WARN).stream().anyMatch(l -> l.contains("127.0.0.1:" + dead + " failed")), log.lines.toString());
        } finally {
            out.stop();
        }
    }

    @Test
    void unreachableClusterWarnsAtStartAndThrowsOnWrite() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        RecordingLogger log = new RecordingLogger("test", Level.INFO);
        ElasticsearchOutput out = EsTestSupport.start(log, "port " + dead, "host 127.0.0.1");
        try {
            assertTrue(log.at(Level.WARN).get(0).startsWith("Could not connect Elasticsearch or obtain version (http://127.0.0.1:"
                    + dead + ")"), log.lines.toString());
            IOException e = assertThrows(IOException.class, () -> out.write(chunk(ChunkIds.next(), "a", numbered(0, 1))));
            assertTrue(e.getMessage().startsWith("could not push logs to Elasticsearch cluster (http://127.0.0.1:" + dead + "): "),
                    e.getMessage());
        } finally {
            out.stop();
        }
    }

    @Test
    void gzipPathPrefixAndTargetIndexKey() throws Exception {
        ElasticsearchOutput out = output("compression_level best_speed", "target_index_key route", "index_name rest");
        try {
            EventStreamWriter w = new EventStreamWriter();
            w.add(new EventTime(T, 0), rec("route", "Routed-A", "m", "1"));
            w.add(new EventTime(T, 0), rec("m", "2"));
            assertTrue(out.write(chunk(ChunkIds.next(), "app", w.build())).isOk());
            assertEquals(1, es.count("routed-a"));
            assertEquals(1, es.count("rest"));
        } finally {
            out.stop();
        }
    }

    @Test
    void templateIsInstalledBeforeTheFirstWriteAndKeptUnlessOverwritten() throws Exception {
        Path file = Files.createTempFile("template", ".json");
        try (var in = getClass().getResourceAsStream("/elasticsearch/template-tpl.json")) {
            Files.write(file, in.readAllBytes());
        }
        ElasticsearchOutput out = output("index_name tpl-app", "template_name floe_tpl", "template_file " + file);
        try {
            assertTrue(out.write(chunk(ChunkIds.next(), "app", one(rec("code", 200L, "bytes", 10L)))).isOk());
            JsonNode mapping = EsTestSupport.JSON.readTree(es.request("GET", "/tpl-app/_mapping", null).body());
            assertEquals("keyword", mapping.path("tpl-app").path("mappings").path("properties").path("code").path("type").asText());
            Files.writeString(file, "{\"index_patterns\":[\"other-*\"]}");
            output("template_name floe_tpl", "template_file " + file).stop();   // exists: left alone
            assertTrue(es.request("GET", "/_template/floe_tpl", null).body().contains("tpl-*"));
            output("template_name floe_tpl", "template_file " + file, "template_overwrite true").stop();
            assertTrue(es.request("GET", "/_template/floe_tpl", null).body().contains("other-*"));
        } finally {
            out.stop();
            es.request("DELETE", "/_template/floe_tpl", null);
            Files.deleteIfExists(file);
        }
    }

    @Test
    void composableTemplateWithUseLegacyTemplateFalse() throws Exception {
        Path file = Files.createTempFile("composable", ".json");
        Files.writeString(file, "{\"index_patterns\":[\"ctpl-*\"],\"template\":{\"mappings\":{\"properties\":"
                + "{\"code\":{\"type\":\"keyword\"}}}}}");
        ElasticsearchOutput out = output("index_name ctpl-app", "template_name floe_ctpl", "template_file " + file,
                "use_legacy_template false");
        try {
            assertTrue(out.write(chunk(ChunkIds.next(), "app", one(rec("code", 200L)))).isOk());
            JsonNode mapping = EsTestSupport.JSON.readTree(es.request("GET", "/ctpl-app/_mapping", null).body());
            assertEquals("keyword", mapping.path("ctpl-app").path("mappings").path("properties").path("code").path("type").asText());
        } finally {
            out.stop();
            es.request("DELETE", "/_index_template/floe_ctpl", null);
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aTemplateElasticsearchRefusesStopsTheStart() throws Exception {
        Path file = Files.createTempFile("broken", ".json");
        Files.writeString(file, "{\"index_patterns\":[\"x-*\"],\"no_such_key\":1}");
        try {
            IOException e = assertThrows(IOException.class, () -> output("template_name floe_broken", "template_file " + file,
                    "use_legacy_template false"));
            assertTrue(e.getMessage().startsWith("Elasticsearch refused template 'floe_broken': 400"), e.getMessage());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
