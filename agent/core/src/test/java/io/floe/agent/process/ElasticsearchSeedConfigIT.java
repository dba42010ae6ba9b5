package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.testkit.es.ElasticsearchServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code seed-es-copy-stdout.conf}, as users run it with Fluentd, through the real agent against a real
 * Elasticsearch 8 with basic auth as elastic / 1234: Docker-shaped events sent over forward land in the daily
 * {@code fluentd-YYYYMMDD} index with the tag in {@code @log_name} and an {@code @timestamp}, and the stdout copy
 * prints every one of them.
 */
class ElasticsearchSeedConfigIT {
    private static final Pattern STDOUT_LINE = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9} \\+0000 docker\\.web: \\{\"container_id\".*\"seq\":(\\d+),.*}$");
    static ElasticsearchServer es;

    @BeforeAll
    static void startElasticsearch() throws Exception {
        es = ElasticsearchServer.builder().password("1234").start();
        IndexedSeqs.warmUp(es);
    }

    @AfterAll
    static void stopElasticsearch() {
        if (es != null) {
            es.close();
        }
    }

    @Test
    void everyEventInTheDailyFluentdIndexAndOnStdout(Agents agents) throws Exception {
        int port = agents.freePort();
        Path conf = SeedConfigs.pointed("seed-es-copy-stdout.conf", agents.dir(), port, es.port(), null);
        int total = 2_000;
        AgentProcess agent = agents.start("-c", conf.toString());
        agent.awaitLog("is now running", Duration.ofSeconds(60));
        // The index is named after the events' day (UTC), which is the day they are sent.
        String day = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        new ForwardFeeder(port, "docker.web", 500, 4).send(total, Duration.ofMinutes(1));
        String index = "fluentd-" + day;
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> IndexedSeqs.of(es, "fluentd-*").docs() >= total);
        IndexedSeqs indexed = IndexedSeqs.of(es, index);
        assertTrue(indexed.exactlyBesidesAgentLogs(0, total), indexed + "\n" + es.request("GET", "/_cat/indices", null).body());

        JsonNode hit = new ObjectMapper().readTree(es.request("POST", "/" + index + "/_search",
                "{\"query\":{\"term\":{\"seq\":42}}}").body()).path("hits").path("hits").get(0).path("_source");
        assertEquals("docker.web", hit.path("@log_name").asText(), hit.toString());
        assertTrue(hit.path("@timestamp").asText().matches(day.substring(0, 4) + "-" + day.substring(4, 6) + "-"
                + day.substring(6) + "T\\d\\d:\\d\\d:\\d\\d\\.\\d{9}\\+00:00"), hit.toString());
        assertEquals("/shop-web-0", hit.path("container_name").asText(), hit.toString());

        agent.awaitStdout(lines -> printed(lines).cardinality() == total, Duration.ofSeconds(30));
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
        // type_name is accepted and does nothing on Elasticsearch 8, as the Fluentd plugin says.
        assertTrue(agent.stderr().contains("Detected ES 8.x or above: This parameter has no effect. (type_name container_log)"),
                agent.stderr());
        assertTrue(!agent.stderr().contains("[error]"), agent.stderr());
    }

    private static BitSet printed(List<String> lines) {
        BitSet seen = new BitSet();
        for (String l : lines) {
            Matcher m = STDOUT_LINE.matcher(l);
            if (m.matches()) {
                seen.set(Integer.parseInt(m.group(1)));
            }
        }
        return seen;
    }
}
