package io.floe.agent.process;

import static io.floe.agent.process.ExampleYaml.map;
import static io.floe.agent.process.ExampleYaml.maps;
import static io.floe.agent.process.ExampleYaml.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.bench.Entries;
import io.floe.testkit.ForwardClient;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * examples/monitoring kept honest: every metric the Grafana dashboard's queries and variables name is one a
 * live agent's {@code /metrics} serves (an agent with forward in, a file buffer and an output, so every
 * family has a series), and prometheus.yml's jobs scrape what examples/kubernetes deploys.
 */
class MonitoringExampleIT {
    private static final Path EXAMPLE = AgentProcess.home().resolve("examples/monitoring");
    /** PromQL words that are neither functions nor metrics. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
            "group_left", "group_right", "atan2", "inf", "nan");
    /** Keywords whose parenthesised list holds label names. */
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*\\w+\\)\\s*");

    @Test
    void everyDashboardQueryNamesAMetricALiveAgentServes(Agents agents) throws Exception {
        int forward = agents.freePort();
        int monitor = agents.freePort();
        Path conf = agents.write("fluent.conf", FluentConf.forward(forward, "@id in_forward") + FluentConf.monitor(monitor, "@id monitor_agent")
                + FluentConf.file("app.**", "out_file", agents.path("out/app"), "@type file", "flush_mode interval", "flush_interval 200ms"));
        AgentProcess agent = agents.start("-c", conf.toString());
        agent.awaitLog(AgentProcess.RUNNING, Duration.ofSeconds(60));
        try (ForwardClient client = ForwardClient.connect(forward)) {
            client.send(ForwardClient.Mode.PACKED, "app.web", Entries.numbered(0, 20, 100, 1_700_000_000L), 20, "c1");
            client.flush();
            assertEquals("c1", client.readAck());
        }
        MonitorHttp http = new MonitorHttp(monitor);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> MonitorHttp.pluginById(http.json("/api/plugins.json"), "out_file")
                .get("write_count").asLong() > 0);
        Set<String> served = seriesNames(http.get("/metrics").body());
        assertTrue(served.contains("floe_ready"), served.toString());

        Map<String, Set<String>> named = dashboardMetricNames();
        assertTrue(named.size() >= 20, "the dashboard's queries: " + named.keySet());
        List<String> unserved = new ArrayList<>();
        named.forEach((query, names) -> {
            assertFalse(names.isEmpty(), "no metric found in " + query);
            names.stream().filter(n -> !served.contains(n)).forEach(n -> unserved.add(n + " in " + query));
        });
        assertEquals(List.of(), unserved, "served: " + served);
    }

    @Test
    void theMetricNamesOfAQueryAreItsSelectorsOnly() {
        assertEquals(Set.of("a_total", "b_bytes", "c"), metricNames("sum by (instance, plugin_id) (rate(a_total{job=~\"$job\",x=\"y}\"}[$__rate_interval]))"
                + " / on (instance) group_left (type) b_bytes offset 5m > bool 0.5 or vector(1) and c unless time() - 1e3"));
    }

    @Test
    void prometheusScrapesThePlainHostAndTheKubernetesDaemonSet() throws Exception {
        Map<String, Object> jobs = new TreeMap<>();
        for (Map<String, Object> job : maps(yaml(EXAMPLE.resolve("prometheus.yml")).get(0), "scrape_configs")) {
            jobs.put((String) job.get("job_name"), job);
        }
        assertEquals(Set.of("floe", "floe-kubernetes"), jobs.keySet());
        Map<String, Object> host = map(jobs, "floe");
        assertEquals("/metrics", host.get("metrics_path"));
        assertEquals(List.of("localhost:24220"), strings(maps(host, "static_configs").get(0), "targets"));

        Map<String, Object> kube = map(jobs, "floe-kubernetes");
        Map<String, Object> sd = maps(kube, "kubernetes_sd_configs").get(0);
        assertEquals("pod", sd.get("role"));
        Map<String, Object> daemonSet = yaml(AgentProcess.home().resolve("examples/kubernetes/daemonset.yaml")).get(0);
        assertEquals(List.of((String) map(daemonSet, "metadata").get("namespace")), strings(map(sd, "namespaces"), "names"));
        Map<String, Object> pod = map(daemonSet, "spec", "template");
        Map<String, Object> monitorPort = maps(maps(map(pod, "spec"), "containers").get(0), "ports").stream()
                .filter(p -> Integer.valueOf(24220).equals(p.get("containerPort"))).findFirst().orElseThrow();
        Map<String, String> kept = new TreeMap<>();
        for (Map<String, Object> rule : maps(kube, "relabel_configs")) {
            if ("keep".equals(rule.get("action"))) {
                kept.put(strings(rule, "source_labels").get(0), (String) rule.get("regex"));
            }
        }
        Map<String, Object> annotations = map(pod, "metadata", "annotations");
        assertEquals(Map.of("__meta_kubernetes_pod_label_app_kubernetes_io_name", map(pod, "metadata", "labels").get("app.kubernetes.io/name"),
                "__meta_kubernetes_pod_annotation_prometheus_io_scrape", annotations.get("prometheus.io/scrape"),
                "__meta_kubernetes_pod_container_port_name", monitorPort.get("name")), kept);
        assertEquals("24220", annotations.get("prometheus.io/port"));
        assertEquals("/metrics", annotations.get("prometheus.io/path"));
    }

    /** The names of the series in Prometheus text: histograms' and counters' suffixes included, as PromQL names them. */
    private static Set<String> seriesNames(String text) {
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    /** Each query of the dashboard (panels' targets and query variables) with the metric names it selects. */
    private static Map<String, Set<String>> dashboardMetricNames() throws Exception {
        JsonNode dashboard = MonitorHttp.parse(Files.readString(EXAMPLE.resolve("floe-dashboard.json")));
        Map<String, Set<String>> named = new TreeMap<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.get("expr").asText();
                named.put(expr, metricNames(expr));
            }
        }
        for (JsonNode variable : dashboard.get("templating").get("list")) {
            if (variable.get("type").asText().equals("query")) {
                Matcher m = LABEL_VALUES.matcher(variable.get("query").get("query").asText());
                assertTrue(m.matches(), variable.toString());
                named.put(m.group(), metricNames(m.group(1)));
            }
        }
        return named;
    }

    /**
     * The metric names in a PromQL expression: identifiers that are not functions or aggregations (followed by
     * {@code (} or {@code by}/{@code without}), keywords
     * or Grafana variables, outside label matchers {@code {}}, ranges {@code []}, strings and label lists
     * ({@code by (...)}, {@code on (...)}, ...).
     */
    static Set<String> metricNames(String expr) {
        Set<String> names = new TreeSet<>();
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '{') {
                i = closing(expr, i, '}');
            } else if (c == '[') {
                i = closing(expr, i, ']');
            } else if (c == '"' || c == '\'') {
                i = endOfString(expr, i);
            } else if (c == '$' || Character.isDigit(c) || c == '.') {
                i = endOfWord(expr, i + 1);
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int end = endOfWord(expr, i);
                String word = expr.substring(i, end);
                int next = skipSpaces(expr, end);
                // A function, or an aggregation whose modifier comes first: sum by (label) (...).
                boolean call = next < expr.length() && expr.charAt(next) == '('
                        || Set.of("by", "without").contains(expr.substring(next, endOfWord(expr, next)));
                if (call && LABEL_LISTS.contains(word)) {
                    end = closing(expr, next, ')');
                } else if (!call && !KEYWORDS.contains(word.toLowerCase())) {
                    names.add(word);
                }
                i = end;
            } else {
                i++;
            }
        }
        return names;
    }

    private static int endOfWord(String s, int i) {
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == ':' || s.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index after the {@code close} that ends the bracket at {@code open}, strings inside skipped. */
    private static int closing(String s, int open, char close) {
        int i = open + 1;
        while (i < s.length() && s.charAt(i) != close) {
            i = s.charAt(i) == '"' || s.charAt(i) == '\'' ? endOfString(s, i) : i + 1;
        }
        return i + 1;
    }

    /** The index after the string starting at {@code i}, escapes included. */
    private static int endOfString(String s, int i) {
        char quote = s.charAt(i);
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != quote) {
            j += s.charAt(j) == '\\' ? 2 : 1;
        }
        return j + 1;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> yaml(Path file) throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file)) {
            for (Object doc : new Yaml().loadAll(r)) {
                docs.add((Map<String, Object>) doc);
            }
        }
        return docs;
    }
}
