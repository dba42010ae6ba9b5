package io.floe.outputs.elasticsearch;

import static io.floe.outputs.elasticsearch.EsTestSupport.T;
import static io.floe.outputs.elasticsearch.EsTestSupport.chunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.Chunk;
import io.floe.api.config.Param;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.outputs.TestResources;
import io.floe.testkit.es.ElasticsearchServer;
import io.floe.testkit.RecordingLogger;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

/**
 * Basic auth against a real Elasticsearch 8 with security on (elastic / 1234). The seed config that uses it runs through
 * the real agent in agent/core's {@code ElasticsearchSeedConfigIT}.
 */
class ElasticsearchAuthIT {
    @RegisterExtension
    static final RunningElasticsearch ES = new RunningElasticsearch(ElasticsearchServer.builder().password("1234"));
    @RegisterExtension
    final TestResources resources = new TestResources();

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
    void wrongPasswordIsRetriedNotRejected() throws Exception {
        ElasticsearchServer es = ES.server();
        RecordingLogger log = new RecordingLogger("test", Level.INFO);
        ElasticsearchOutput out = resources.stop(EsTestSupport.start(log, List.of("host " + es.host(), "port " + es.port()),
                "user elastic", "password wrong"));
        assertTrue(log.at(Level.WARN).get(0).startsWith("Could not connect Elasticsearch or obtain version"),
                log.lines.toString());
        IOException e = assertThrows(IOException.class, () -> out.write(dockerWeb(1, T)));
        assertTrue(e.getMessage().startsWith("could not push logs to Elasticsearch cluster (http://127.0.0.1:"
                + es.port() + "): 401 Unauthorized"), e.getMessage());
    }

    @Test
    void credentialsAreSecretParameters() {
        for (var c : ElasticsearchOutput.Config.class.getRecordComponents()) {
            boolean secret = c.getAnnotation(Param.class).secret();
            assertEquals(c.getName().equals("password") || c.getName().equals("apiKey"), secret, c.getName());
        }
    }
}
