package io.floe.outputs.elasticsearch;

import static io.floe.outputs.elasticsearch.EsTestSupport.T;
import static io.floe.outputs.elasticsearch.EsTestSupport.chunk;
import static io.floe.outputs.elasticsearch.EsTestSupport.fromConfFile;
import static io.floe.outputs.elasticsearch.EsTestSupport.search;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.Chunk;
import io.floe.api.event.EventStreamWriter;
import io.floe.api.event.EventTime;
import io.floe.bench.es.ElasticsearchServer;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The seed config's elasticsearch store against a real Elasticsearch 8 with basic auth (elastic / 1234). */
class ElasticsearchSeedConfigIT {
    static ElasticsearchServer es;

    @BeforeAll
    static void startElasticsearch() throws Exception {
        es = ElasticsearchServer.builder().password("1234").start();
    }

    @AfterAll
    static void stopElasticsearch() {
        if (es != null) {
            es.close();
        }
    }

    static Chunk dockerWeb(int n, long seconds) {
        EventStreamWriter w = new EventStreamWriter();
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("log", "GET /" + i + " 200");
            r.put("container_name", "/web");
            w.add(new EventTime(seconds, 0), r);
        }
        return chunk("0123456789abcdef0123456789abcdef", "docker.web", w.build());
    }

    @Test
    void seedStoreIndexesEveryEventIntoFluentdDailyIndexWithLogNameAndTimestamp() throws Exception {
        CapturingLogger log = new CapturingLogger();
        ElasticsearchOutput out = fromConfFile("seed-es-copy-stdout.conf", es.host(), es.port(), log);
        try {
            // The events' own day names the index, whatever today is.
            long nextDay = Instant.parse("2026-11-22T00:00:01Z").getEpochSecond();
            assertTrue(out.write(dockerWeb(25, T)).isOk());
            assertTrue(out.write(dockerWeb(5, nextDay)).isOk());
            assertEquals(25, es.count("fluentd-20261121"));
            assertEquals(5, es.count("fluentd-20261122"));
            JsonNode hit = search(es, "fluentd-20261121", "{\"query\":{\"match_phrase\":{\"log\":\"GET /7 200\"}}}")
                    .path("hits").path("hits").get(0).path("_source");
            assertEquals("{\"log\":\"GET /7 200\",\"container_name\":\"/web\","
                    + "\"@timestamp\":\"2026-11-21T04:47:43.000000000+00:00\",\"@log_name\":\"docker.web\"}", hit.toString());
            // type_name container_log: what the plugin says about types on 8.x, as a warning naming the parameter.
            assertEquals(List.of("Detected ES 8.x or above: This parameter has no effect. (type_name container_log)"),
                    log.at(Level.WARN));
        } finally {
            out.stop();
        }
    }

    @Test
    void wrongPasswordIsRetriedNotRejected() throws Exception {
        CapturingLogger log = new CapturingLogger();
        ElasticsearchOutput out = EsTestSupport.start(log, "host " + es.host(), "port " + es.port(), "user elastic",
                "password wrong");
        try {
            assertTrue(log.at(Level.WARN).get(0).startsWith("Could not connect Elasticsearch or obtain version"),
                    log.lines.toString());
            IOException e = assertThrows(IOException.class, () -> out.write(dockerWeb(1, T)));
            assertTrue(e.getMessage().startsWith("could not push logs to Elasticsearch cluster (http://127.0.0.1:"
                    + es.port() + "): 401 Unauthorized"), e.getMessage());
        } finally {
            out.stop();
        }
    }

    @Test
    void credentialsAreSecretParameters() {
        for (var c : ElasticsearchOutput.Config.class.getRecordComponents()) {
            boolean secret = c.getAnnotation(io.floe.api.config.Param.class).secret();
            assertEquals(c.getName().equals("password") || c.getName().equals("apiKey"), secret, c.getName());
        }
    }
}
