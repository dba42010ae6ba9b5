package io.floe.outputs.elasticsearch;

import static io.floe.outputs.TestSupport.closedPort;
import static io.floe.outputs.TestSupport.injecting;
import static io.floe.outputs.TestSupport.rec;
import static io.floe.outputs.elasticsearch.EsTestSupport.T;
import static io.floe.outputs.elasticsearch.EsTestSupport.assertEachIndexedOnce;
import static io.floe.outputs.elasticsearch.EsTestSupport.chunk;
import static io.floe.outputs.elasticsearch.EsTestSupport.numbered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.Chunk;
import io.floe.api.ChunkIds;
import io.floe.api.Output;
import io.floe.api.WriteResult;
import io.floe.codec.event.Event;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.outputs.TestResources;
import io.floe.testkit.MachineSpeed;
import io.floe.testkit.RecordingLogger;
import io.floe.testkit.es.ElasticsearchServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/** The plugin against a real Elasticsearch 8 (security off): naming, volume, refusals, operations, hosts. */
class ElasticsearchOutputIT {
    /** No test here is about timeouts: the default 5 s is the quiet machine's, a busy one gets more. */
    static final String REQUEST_TIMEOUT = "request_timeout " + MachineSpeed.allowParam(Duration.ofSeconds(5));
    @RegisterExtension
    static final RunningElasticsearch ES = new RunningElasticsearch(ElasticsearchServer.builder());
    @RegisterExtension
    final TestResources resources = new TestResources();
    @TempDir
    Path dir;
    ElasticsearchServer es;
    final RecordingLogger log = new RecordingLogger("test", Level.INFO);

    @BeforeEach
    void server() {
        es = ES.server();
    }

    /** An output writing to the test's server, stopped after the test. */
    ElasticsearchOutput output(String... more) throws IOException {
        return started(List.of("host " + es.host(), "port " + es.port(), REQUEST_TIMEOUT), more);
    }

    /** An output on {@code target} lines (where the cluster is) and the test's own, logging to {@link #log}. */
    ElasticsearchOutput started(List<String> target, String... more) throws IOException {
        return resources.stop(EsTestSupport.start(log, target, more));
    }

    static EventStream one(Map<String, ?> record) {
        return new EventStreamWriter().add(new EventTime(T, 0), record).build();
    }

    @Test
    void injectedFieldsAreInTheDocuments() throws Exception {
        Output out = injecting(output("index_name injected"), ZoneOffset.UTC,
                "tag_key tag", "time_key time", "time_type string", "localtime false", "hostname_key host");
        assertTrue(out.write(chunk(ChunkIds.next(), "app.web", one(rec("msg", "x", "tag", "old")))).isOk());
        JsonNode doc = EsTestSupport.search(es, "injected", "{}").get("hits").get("hits").get(0).get("_source");
        assertEquals("{\"msg\":\"x\",\"tag\":\"app.web\",\"host\":\"node-1\",\"time\":\"2026-11-21T04:47:43Z\"}", doc.toString());
    }

    @Test
    void tenThousandEventsInChunksAreAllIndexedExactlyOnce() throws Exception {
        ElasticsearchOutput out = output("logstash_format true", "logstash_prefix volume");
        long t0 = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            assertTrue(out.write(chunk(ChunkIds.next(), "load", numbered(i * 1000, 1000))).isOk());
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        assertEachIndexedOnce(es, "volume-2026.11.21", 10_000);
        System.out.printf("10,000 events in 10 chunks: %.2f s (%.0f docs/s, cold)%n", secs, 10_000 / secs);
    }

    @Test
    void mappingConflictRejectsOnlyTheBadDocumentWithElasticsearchsReason() throws Exception {
        ElasticsearchOutput out = output("index_name conflicts");
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
    }

    @Test
    void createTreatsAnExistingIdAsWrittenAndUpdateOfAMissingDocumentIsRejected() throws Exception {
        ElasticsearchOutput create = output("index_name ops", "id_key rid", "write_operation create");
        ElasticsearchOutput upsert = output("index_name ops", "id_key rid", "write_operation upsert");
        ElasticsearchOutput update = output("index_name ops", "id_key rid", "write_operation update");
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
    }

    @Test
    void deterministicIdsMakeAResentChunkANoOp() throws Exception {
        ElasticsearchOutput out = output("index_name genid", "id_generation deterministic");
        Chunk c = chunk(ChunkIds.next(), "app", numbered(0, 300));
        assertTrue(out.write(c).isOk());
        assertTrue(out.write(c).isOk());   // a crash replay of the same chunk
        assertEquals(300, es.count("genid"));
    }

    @Test
    void failsOverFromADeadHostAndSpreadsOverLiveOnes() throws Exception {
        int dead = closedPort();
        ElasticsearchOutput out = started(List.of("hosts 127.0.0.1:" + dead + ",http://127.0.0.1:" + es.port()),
                "index_name failover", REQUEST_TIMEOUT);
        for (int i = 0; i < 6; i++) {
            assertTrue(out.write(chunk(ChunkIds.next(), "app", numbered(i * 10, 10))).isOk());
        }
        assertEquals(60, es.count("failover"));
        assertTrue(log.at(Level.WARN).stream().anyMatch(l -> l.contains("127.0.0.1:" + dead + " failed")), log.lines.toString());
    }

    @Test
    void unreachableClusterWarnsAtStartAndThrowsOnWrite() throws Exception {
        int dead = closedPort();
        ElasticsearchOutput out = started(List.of("port " + dead, "host 127.0.0.1"));
        assertTrue(log.at(Level.WARN).get(0).startsWith("Could not connect Elasticsearch or obtain version (http://127.0.0.1:"
                + dead + ")"), log.lines.toString());
        IOException e = assertThrows(IOException.class, () -> out.write(chunk(ChunkIds.next(), "a", numbered(0, 1))));
        assertTrue(e.getMessage().startsWith("could not push logs to Elasticsearch cluster (http://127.0.0.1:" + dead + "): "),
                e.getMessage());
    }

    @Test
    void gzipPathPrefixAndTargetIndexKey() throws Exception {
        ElasticsearchOutput out = output("compression_level best_speed", "target_index_key route", "index_name rest");
        EventStreamWriter w = new EventStreamWriter();
        w.add(new EventTime(T, 0), rec("route", "Routed-A", "m", "1"));
        w.add(new EventTime(T, 0), rec("m", "2"));
        assertTrue(out.write(chunk(ChunkIds.next(), "app", w.build())).isOk());
        assertEquals(1, es.count("routed-a"));
        assertEquals(1, es.count("rest"));
    }

    /** Where a test writes a template file; the template {@code path} names is deleted from the server after the test. */
    Path templateFile(String name, String path) {
        resources.close(() -> es.request("DELETE", path, null));
        return dir.resolve(name + ".json");
    }

    @Test
    void templateIsInstalledBeforeTheFirstWriteAndKeptUnlessOverwritten() throws Exception {
        Path file = templateFile("template", "/_template/floe_tpl");
        try (var in = getClass().getResourceAsStream("/elasticsearch/template-tpl.json")) {
            Files.write(file, in.readAllBytes());
        }
        ElasticsearchOutput out = output("index_name tpl-app", "template_name floe_tpl", "template_file " + file);
        assertTrue(out.write(chunk(ChunkIds.next(), "app", one(rec("code", 200L, "bytes", 10L)))).isOk());
        JsonNode mapping = EsTestSupport.JSON.readTree(es.request("GET", "/tpl-app/_mapping", null).body());
        assertEquals("keyword", mapping.path("tpl-app").path("mappings").path("properties").path("code").path("type").asText());
        Files.writeString(file, "{\"index_patterns\":[\"other-*\"]}");
        output("template_name floe_tpl", "template_file " + file).stop();   // exists: left alone
        assertTrue(es.request("GET", "/_template/floe_tpl", null).body().contains("tpl-*"));
        output("template_name floe_tpl", "template_file " + file, "template_overwrite true").stop();
        assertTrue(es.request("GET", "/_template/floe_tpl", null).body().contains("other-*"));
    }

    @Test
    void composableTemplateWithUseLegacyTemplateFalse() throws Exception {
        Path file = templateFile("composable", "/_index_template/floe_ctpl");
        Files.writeString(file, "{\"index_patterns\":[\"ctpl-*\"],\"template\":{\"mappings\":{\"properties\":"
                + "{\"code\":{\"type\":\"keyword\"}}}}}");
        ElasticsearchOutput out = output("index_name ctpl-app", "template_name floe_ctpl", "template_file " + file,
                "use_legacy_template false");
        assertTrue(out.write(chunk(ChunkIds.next(), "app", one(rec("code", 200L)))).isOk());
        JsonNode mapping = EsTestSupport.JSON.readTree(es.request("GET", "/ctpl-app/_mapping", null).body());
        assertEquals("keyword", mapping.path("ctpl-app").path("mappings").path("properties").path("code").path("type").asText());
    }

    @Test
    void aTemplateElasticsearchRefusesStopsTheStart() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.json"), "{\"index_patterns\":[\"x-*\"],\"no_such_key\":1}");
        IOException e = assertThrows(IOException.class, () -> output("template_name floe_broken", "template_file " + file,
                "use_legacy_template false"));
        assertTrue(e.getMessage().startsWith("Elasticsearch refused template 'floe_broken': 400"), e.getMessage());
    }
}
