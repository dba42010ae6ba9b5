package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.MetricType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * monitor_agent on the real agent process, read with a real HTTP client: Fluentd's JSON shape (checked
 * against what a real Fluentd 1.19 returned for an equivalent configuration), query parameters, LTSV,
 * masked secrets, events emitted with {@code tag}, and Prometheus text read by a Prometheus parser.
 * One agent serves every test; the first one counts events from a fresh start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitorAgentIT {
    private static final String SECRET = "s3cr3t-value";

    private Path dir;
    private AgentProcess agent;
    private MonitorHttp http;
    private int forwardPort;

    @BeforeAll
    void startAgent(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        forwardPort = AgentProcess.freePort();
        int monitorPort = AgentProcess.freePort();
        String config = FluentConf.forward(forwardPort, "@id in_forward_server")
                + FluentConf.monitor(monitorPort, "@id monitor_agent", "tag monitor.metrics", "emit_interval 1s") + """
                <match monitor.**>
                  @type stdout
                  @id out_monitor_events
                </match>
                <filter test.**>
                  @type record_transformer
                  @id filter_host
                  <record>
                    host floe
                  </record>
                </filter>
                <match test.stdout>
                  @type stdout
                </match>
                <match test.null>
                  @type null
                </match>
                <match secret.**>
                  @type elasticsearch
                  @id out_es
                  host 127.0.0.1
                  port %d
                  user elastic
                  password %s
                </match>
                <match test.**>
                  @type file
                  @id out_file_server
                  path %s/out/received
                  <buffer time>
                    @type file
                    timekey 60
                  </buffer>
                </match>
                """.formatted(AgentProcess.freePort(), SECRET, dir);
        agent = AgentProcess.running(dir, "monitor.conf", config);
        http = new MonitorHttp(monitorPort);
    }

    @AfterAll
    void stopAgent() throws Exception {
        if (agent != null) {
            assertEquals(0, agent.stop(Duration.ofSeconds(30)));
            agent.close();
        }
    }

    @Test
    @Order(1)
    void pluginsJsonHasEveryKeyFluentdShowsWithTheSameTypeAndOrder() throws Exception {
        new ForwardFeeder(forwardPort, "test.stdout", 10, 1).send(3, Duration.ofSeconds(30));
        new ForwardFeeder(forwardPort, "test.null", 10, 1).send(2, Duration.ofSeconds(30));
        new ForwardFeeder(forwardPort, "test.file", 10, 1).send(7, Duration.ofSeconds(30));

        JsonNode plain = http.json("/api/plugins.json?with_config=false&with_retry=false");
        FluentdSamples.assertSameShape(FluentdSamples.load("fluentd-monitor-agent-sample.json"), plain, Set.of());
        assertEquals(12, MonitorHttp.pluginById(plain, "in_forward_server").get("emit_records").asLong());
        assertEquals(3, MonitorHttp.pluginById(plain, byType("stdout", "/api/plugins.json")).get("emit_records").asLong());
        assertEquals(2, FluentdSamples.find(plain, "output", "null").get("emit_records").asLong());
        JsonNode file = MonitorHttp.pluginById(plain, "out_file_server");
        assertEquals(7, file.get("emit_records").asLong());
        assertEquals(1, file.get("buffer_timekeys").size(), "the staged chunk's timekey: " + file);
        assertTrue(file.get("buffer_total_queued_size").asLong() > 0, file.toString());
        assertFalse(file.has("config") || file.has("retry"), file.toString());
        // Fluentd shows a filter as it shows an input: no sample has one, so the keys are spelled out.
        JsonNode filter = MonitorHttp.pluginById(plain, "filter_host");
        assertEquals(List.of("plugin_id", "plugin_category", "type", "output_plugin", "retry_count", "emit_records", "emit_size"),
                fieldNames(filter));
        assertEquals("filter", filter.get("plugin_category").asText());
        assertTrue(filter.get("retry_count").isNull());
        assertEquals(12, filter.get("emit_records").asLong());
        List<String> categories = new ArrayList<>();
        plain.get("plugins").forEach(p -> categories.add(p.get("plugin_category").asText()));
        assertEquals(categories.stream().sorted(Comparator.comparing(c -> List.of("input", "output", "filter").indexOf(c))).toList(),
                categories, "inputs, then outputs, then filters, as Fluentd lists them");

        // include_config and include_retry default to true, as in Fluentd 1.19.
        JsonNode full = http.json("/api/plugins.json");
        FluentdSamples.assertSameShape(FluentdSamples.load("fluentd-monitor-agent-sample-with-config-retry.json"), full, Set.of());
        assertEquals("127.0.0.1", MonitorHttp.pluginById(full, "in_forward_server").get("config").get("bind").asText());
        assertEquals(0, MonitorHttp.pluginById(full, "out_file_server").get("retry").size(), "not retrying: an empty retry object");

        agent.signal("USR1");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> MonitorHttp.pluginById(http.json("/api/plugins.json"), "out_file_server").get("write_count").asLong() >= 1);
        JsonNode flushed = http.json("/api/plugins.json?with_config=false&with_retry=false");
        FluentdSamples.assertSameShape(FluentdSamples.load("fluentd-monitor-agent-sample-after-flush.json"), flushed, Set.of());
        JsonNode fileAfter = MonitorHttp.pluginById(flushed, "out_file_server");
        assertEquals(0, fileAfter.get("buffer_timekeys").size(), fileAfter.toString());
        assertFalse(fileAfter.has("buffer_oldest_timekey"), "no timekey, no oldest/newest, as Fluentd: " + fileAfter);
    }

    @Test
    @Order(2)
    void configIsShownWithSecretsMasked() throws Exception {
        HttpResponse<String> r = http.get("/api/plugins.json?@id=out_es");
        assertEquals(200, r.statusCode());
        assertFalse(r.body().contains(SECRET), r.body());
        JsonNode config = MonitorHttp.parse(r.body()).get("plugins").get(0).get("config");
        assertEquals("xxxxxx", config.get("password").asText());
        assertEquals("elastic", config.get("user").asText());
        assertEquals("elasticsearch", config.get("@type").asText());
        for (String path : List.of("/api/plugins", "/api/config.json", "/api/config", "/api/plugins.json?debug=1")) {
            assertFalse(http.get(path).body().contains(SECRET), path);
        }
    }

    @Test
    @Order(3)
    void queryParametersSelectPluginsAsFluentdDoes() throws Exception {
        assertEquals(List.of("in_forward_server"), ids("/api/plugins.json?@id=in_forward_server"));
        assertEquals(List.of("in_forward_server"), ids("/api/plugins.json?id=in_forward_server"));
        assertEquals(List.of("in_forward_server"), ids("/api/plugins.json?%40id=in_forward_server"));
        assertEquals(List.of(), ids("/api/plugins.json?@id=nobody"));
        assertEquals(List.of("out_file_server"), ids("/api/plugins.json?@type=file"));
        assertEquals(List.of("out_file_server"), ids("/api/plugins.json?type=file"));
        assertEquals(List.of("out_monitor_events", byType("stdout", "/api/plugins.json?@type=stdout")), ids("/api/plugins.json?@type=stdout"));
        // ?tag= finds the output the first matching <match> sends the tag to.
        assertEquals(List.of("out_file_server"), ids("/api/plugins.json?tag=test.file"));
        assertEquals(List.of("out_es"), ids("/api/plugins.json?tag=secret.x"));
        assertEquals(List.of(), ids("/api/plugins.json?tag=nothing.matches"));
        // tag is tested before @id, as in Fluentd.
        assertEquals(List.of("out_file_server"), ids("/api/plugins.json?tag=test.file&@id=in_forward_server"));

        JsonNode noConfig = http.json("/api/plugins.json?with_config=false");
        noConfig.get("plugins").forEach(p -> assertFalse(p.has("config"), p.toString()));
        JsonNode noRetry = http.json("/api/plugins.json?with_retry=false");
        noRetry.get("plugins").forEach(p -> assertFalse(p.has("retry"), p.toString()));

        HttpResponse<String> pretty = http.get("/api/plugins.json?debug=1");
        assertEquals(200, pretty.statusCode());
        assertTrue(pretty.body().contains("\n  \"plugins\""), "debug=1 pretty-prints: " + pretty.body());
    }

    @Test
    @Order(4)
    void ltsvAndConfigViews() throws Exception {
        JsonNode all = http.json("/api/plugins.json");
        HttpResponse<String> ltsv = http.get("/api/plugins");
        assertEquals(200, ltsv.statusCode());
        assertEquals("text/plain", ltsv.headers().firstValue("Content-Type").orElse(""));
        String[] lines = ltsv.body().split("\n");
        assertEquals(all.get("plugins").size(), lines.length, ltsv.body());
        Map<String, String> forward = ltsvRow(lines[0]);
        assertEquals("in_forward_server", forward.get("plugin_id"));
        assertEquals("input", forward.get("plugin_category"));
        assertEquals("", forward.get("retry_count"), "null prints as nothing");
        assertFalse(forward.containsKey("config"), "objects are left out of LTSV");
        for (String line : lines) {
            Map<String, String> row = ltsvRow(line);
            assertFalse(row.containsKey("buffer_timekeys") || row.containsKey("retry"), "arrays and objects are left out: " + line);
        }

        JsonNode config = http.json("/api/config.json");
        assertEquals(agent.pid(), config.get("pid").asLong());
        assertTrue(config.get("ppid").isIntegralNumber());
        assertTrue(config.get("version").isTextual());
        assertTrue(config.get("config_path").asText().endsWith("monitor.conf"));
        HttpResponse<String> configLtsv = http.get("/api/config");
        assertEquals(Long.toString(agent.pid()), ltsvRow(configLtsv.body()).get("pid"));
    }

    @Test
    @Order(5)
    void unknownPathsAnswerFluentdsNotFound() throws Exception {
        HttpResponse<String> r = http.get("/api/nothing");
        assertEquals(404, r.statusCode());
        assertEquals("Not found", MonitorHttp.parse(r.body()).get("message").asText());
        assertEquals(404, http.status("/api/plugins.json/extra"));
    }

    @Test
    @Order(6)
    void pluginsAreEmittedAsEventsWithTheTag() {
        agent.awaitStdout(lines -> lines.stream().anyMatch(l -> l.contains(" monitor.metrics: {\"plugin_id\":\"in_forward_server\",\"plugin_category\":\"input\"")
                && !l.contains("\"config\"")), Duration.ofSeconds(60));
        agent.awaitStdout(lines -> lines.stream().anyMatch(l -> l.contains(" monitor.metrics: {\"plugin_id\":\"out_file_server\"")
                && l.contains("\"buffer_queue_length\":") && !l.contains("\"retry\"")), Duration.ofSeconds(60));
    }

    @Test
    @Order(7)
    void metricsAreReadByAPrometheusParserAndCountersMoveAsEventsFlow() throws Exception {
        Map<String, MetricFamily> before = scrape();
        for (String name : List.of("fluentd_output_status_buffer_queue_length", "fluentd_output_status_buffer_total_bytes",
                "fluentd_output_status_retry_count", "fluentd_output_status_num_errors", "fluentd_output_status_emit_count",
                "fluentd_output_status_emit_records", "fluentd_output_status_write_count", "fluentd_output_status_rollback_count",
                "fluentd_output_status_retry_wait")) {
            assertNotNull(before.get(name), name + " in " + before.keySet());
            assertEquals(MetricType.GAUGE, before.get(name).getType(), name);
        }
        assertEquals(MetricType.COUNTER, before.get("fluentd_input_status_num_records_total").getType());
        for (String jvmOrProcess : List.of("jvm_memory_used_bytes", "jvm_threads_current", "process_cpu_seconds_total",
                "process_resident_memory_bytes", "jvm_gc_collection_seconds")) {
            assertNotNull(before.get(jvmOrProcess), jvmOrProcess + " in " + before.keySet());
        }
        Metric fileEmits = metric(before, "fluentd_output_status_emit_records", "out_file_server");
        assertEquals("file", fileEmits.getLabels().get("type"));

        new ForwardFeeder(forwardPort, "test.file", 25, 2).send(100, Duration.ofSeconds(30));

        Map<String, MetricFamily> after = scrape();
        assertEquals(value(metric(before, "fluentd_input_status_num_records_total", "in_forward_server")) + 100,
                value(metric(after, "fluentd_input_status_num_records_total", "in_forward_server")));
        assertEquals(value(fileEmits) + 100, value(metric(after, "fluentd_output_status_emit_records", "out_file_server")));
        assertTrue(value(metric(after, "fluentd_output_status_emit_count", "out_file_server"))
                >= value(metric(before, "fluentd_output_status_emit_count", "out_file_server")) + 4);
        assertTrue(value(metric(after, "fluentd_output_status_buffer_total_bytes", "out_file_server"))
                > value(metric(before, "fluentd_output_status_buffer_total_bytes", "out_file_server")));
    }

    private Map<String, MetricFamily> scrape() throws Exception {
        HttpResponse<String> r = http.get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        TextPrometheusMetricDataParser parser = new TextPrometheusMetricDataParser(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        Map<String, MetricFamily> families = new HashMap<>();
        for (MetricFamily f = parser.parse(); f != null; f = parser.parse()) {
            families.put(f.getName(), f);
        }
        return families;
    }

    private static Metric metric(Map<String, MetricFamily> families, String name, String pluginId) {
        return families.get(name).getMetrics().stream().filter(m -> pluginId.equals(m.getLabels().get("plugin_id"))).findFirst()
                .orElseThrow(() -> new AssertionError(name + "{plugin_id=" + pluginId + "} missing"));
    }

    private static double value(Metric m) {
        return m instanceof Counter c ? c.getValue() : ((Gauge) m).getValue();
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Map<String, String> ltsvRow(String line) {
        Map<String, String> row = new HashMap<>();
        for (String field : line.split("\t")) {
            int colon = field.indexOf(':');
            row.put(field.substring(0, colon), field.substring(colon + 1));
        }
        return row;
    }

    private List<String> ids(String path) throws Exception {
        List<String> out = new ArrayList<>();
        http.json(path).get("plugins").forEach(p -> out.add(p.get("plugin_id").asText()));
        return out;
    }

    private String byType(String type, String path) throws Exception {
        for (JsonNode p : http.json(path).get("plugins")) {
            if (p.get("type").asText().equals(type) && !p.get("plugin_id").asText().equals("out_monitor_events")) {
                return p.get("plugin_id").asText();
            }
        }
        throw new AssertionError("no " + type);
    }
}
