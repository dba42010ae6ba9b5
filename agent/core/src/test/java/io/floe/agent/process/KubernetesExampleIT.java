package io.floe.agent.process;

import static io.floe.agent.process.ExampleYaml.map;
import static io.floe.agent.process.ExampleYaml.maps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * examples/kubernetes as a cluster would read it: the manifests parsed with SnakeYAML and checked against
 * each other (service account, RBAC, mounts, probes, limits), and the fluent.conf inside the ConfigMap run
 * through the real {@code bin/floe --dry-run} with the environment the DaemonSet gives it.
 */
class KubernetesExampleIT {
    private static final List<Map<String, Object>> DOCS = new ArrayList<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws Exception {
        Path examples = AgentProcess.home().resolve("examples/kubernetes");
        for (String f : List.of("rbac.yaml", "configmap.yaml", "daemonset.yaml")) {
            try (Reader r = Files.newBufferedReader(examples.resolve(f))) {
                for (Object doc : new Yaml().loadAll(r)) {
                    DOCS.add((Map<String, Object>) doc);
                }
            }
        }
    }

    private static Map<String, Object> doc(String kind) {
        return DOCS.stream().filter(d -> kind.equals(d.get("kind"))).findFirst().orElseThrow(() -> new AssertionError("no " + kind));
    }

    private static Map<String, Object> named(List<Map<String, Object>> items, String name) {
        return items.stream().filter(i -> name.equals(i.get("name"))).findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }

    private static Map<String, Object> container() {
        return maps(map(doc("DaemonSet"), "spec", "template", "spec"), "containers").get(0);
    }

    private static String fluentConf() {
        return (String) map(doc("ConfigMap"), "data").get("fluent.conf");
    }

    @Test
    @SuppressWarnings("unchecked")
    void serviceAccountMayReadPodsAndNamespaces() {
        String sa = (String) map(doc("ServiceAccount"), "metadata").get("name");
        assertEquals(sa, map(doc("DaemonSet"), "spec", "template", "spec").get("serviceAccountName"));
        Map<String, Object> rule = maps(doc("ClusterRole"), "rules").get(0);
        assertEquals(List.of("pods", "namespaces"), rule.get("resources"));
        assertEquals(List.of("get", "list", "watch"), rule.get("verbs"));
        Map<String, Object> binding = doc("ClusterRoleBinding");
        assertEquals(map(doc("ClusterRole"), "metadata").get("name"), map(binding, "roleRef").get("name"));
        Map<String, Object> subject = maps(binding, "subjects").get(0);
        assertEquals(sa, subject.get("name"));
        assertEquals(map(doc("ServiceAccount"), "metadata").get("namespace"), subject.get("namespace"));
    }

    @Test
    void theContainerAsTheIssueAsks() {
        Map<String, Object> c = container();
        assertEquals("floe:latest", c.get("image"));
        assertEquals("200Mi", map(c, "resources", "limits").get("memory"));
        assertEquals("100m", map(c, "resources", "requests").get("cpu"));
        Map<String, Object> port = named(maps(c, "ports"), "monitor");
        assertEquals(24220, port.get("containerPort"));
        assertEquals("/healthz", map(c, "livenessProbe", "httpGet").get("path"));
        assertEquals("/readyz", map(c, "readinessProbe", "httpGet").get("path"));
        assertEquals("monitor", map(c, "livenessProbe", "httpGet").get("port"));
        List<String> env = maps(c, "env").stream().map(e -> (String) e.get("name")).toList();
        assertTrue(env.containsAll(List.of("FLUENT_ELASTICSEARCH_HOST", "FLUENT_ELASTICSEARCH_PORT", "FLUENT_ELASTICSEARCH_SCHEME")), env.toString());
    }

    @Test
    void mountsReadOnlyLogsAndAHostPathForPositionsAndBuffers() {
        Map<String, Object> pod = map(doc("DaemonSet"), "spec", "template", "spec");
        List<Map<String, Object>> volumes = maps(pod, "volumes");
        List<Map<String, Object>> mounts = maps(container(), "volumeMounts");
        for (String host : List.of("/var/log", "/var/lib/docker/containers")) {
            Map<String, Object> v = volumes.stream().filter(x -> x.get("hostPath") != null && host.equals(map(x, "hostPath").get("path")))
                    .findFirst().orElseThrow(() -> new AssertionError("no hostPath " + host));
            Map<String, Object> m = named(mounts, (String) v.get("name"));
            assertEquals(host, m.get("mountPath"));
            assertEquals(Boolean.TRUE, m.get("readOnly"), host + " is mounted read-only");
        }
        Map<String, Object> state = mounts.stream().filter(m -> "/fluentd/buffer".equals(m.get("mountPath"))).findFirst().orElseThrow();
        assertNotNull(map(named(volumes, (String) state.get("name")), "hostPath"), "positions and buffers on the node");
        String conf = fluentConf();
        assertTrue(conf.contains("pos_file /fluentd/buffer/"), "the pos_file is in the hostPath");
        assertTrue(conf.contains("path /var/log/containers/*.log"));
        Map<String, Object> config = named(mounts, "config");
        assertEquals("/fluentd/etc", config.get("mountPath"), "the image runs -c /fluentd/etc/fluent.conf");
        assertEquals(map(doc("ConfigMap"), "metadata").get("name"), map(named(volumes, "config"), "configMap").get("name"));
    }

    @Test
    void theConfigMapsFluentConfPassesTheRealDryRun(Agents agents) throws Exception {
        Path conf = agents.write("fluent.conf", fluentConf());
        Map<String, String> env = Map.of("FLUENT_ELASTICSEARCH_HOST", "elasticsearch.logging.svc", "FLUENT_ELASTICSEARCH_PORT", "9200",
                "FLUENT_ELASTICSEARCH_SCHEME", "http");
        AgentProcess agent = agents.start(env, "--dry-run", "-c", conf.toString());
        int exit = agent.waitForExit(Duration.ofSeconds(60));
        String log = agent.stderr() + "\n" + String.join("\n", agent.stdoutLines());
        assertEquals(0, exit, log);
        assertTrue(log.contains("finished dry run mode"), log);
    }
}
