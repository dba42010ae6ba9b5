package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * examples/container-logs, run by the real {@code bin/floe}: the file itself passes {@code --dry-run}, and
 * with only its Elasticsearch {@code <match>} swapped for stdout it turns Docker json-file logs of an nginx
 * and a JSON-logging container (written as dockerd writes them, escapes included) into the documented
 * records: nginx's fields, the JSON keys, Kubernetes names from the file name, cluster and hostname, and no
 * health checks.
 */
class ContainerLogsExampleIT {
    private static final String NGINX_ID = "3f1e0cde9c2a4b7d8e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d";
    private static final String APP_ID = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d";
    private static final String NGINX_FILE = "web-7d9f8b6c5-x2x4z_shop_nginx-" + NGINX_ID + ".log";
    private static final String APP_FILE = "orders-5c6d7e8f9-abcde_shop_app-" + APP_ID + ".log";

    private static Path example() {
        return AgentProcess.home().resolve("examples/container-logs/fluent.conf");
    }

    @Test
    void theExamplePassesTheRealDryRun(Agents agents) throws Exception {
        Map<String, String> env = Map.of("FLUENT_ELASTICSEARCH_HOST", "elasticsearch.logging.svc", "CLUSTER_NAME", "prod-eu-1");
        AgentProcess agent = agents.start(env, "--dry-run", "-c", example().toString());
        int exit = agent.waitForExit(Duration.ofSeconds(60));
        String log = agent.stderr() + "\n" + String.join("\n", agent.stdoutLines());
        assertEquals(0, exit, log);
        assertTrue(log.contains("finished dry run mode"), log);
    }

    @Test
    void dockerJsonFileLinesComeOutAsTheDocumentedFields(Agents agents) throws Exception {
        Path containers = Files.createDirectories(agents.path("var/log/containers"));
        Path nginx = containers.resolve(NGINX_FILE);
        Path app = containers.resolve(APP_FILE);
        // Bytes as dockerd's json-file driver writes them: log keeps its \n, & < > are \u0026 \u003c \u003e.
        append(nginx, """
                {"log":"10.0.0.7 - - [21/Nov/2026:08:15:02 +0000] \\"GET /orders/42 HTTP/1.1\\" 200 612 \\"-\\" \\"curl/8.4.0\\"\\n","stream":"stdout","time":"2026-11-21T08:15:02.123456789Z"}
                {"log":"10.244.0.1 - - [21/Nov/2026:08:15:03 +0000] \\"GET /healthz HTTP/1.1\\" 200 2 \\"-\\" \\"kube-probe/1.29\\"\\n","stream":"stdout","time":"2026-11-21T08:15:03.5Z"}
                {"log":"10.0.0.8 - alice [21/Nov/2026:08:15:03 +0000] \\"POST /cart?item=7\\u0026qty=2 HTTP/2.0\\" 201 0 \\"https://shop.example/\\" \\"Mozilla/5.0 (X11; Linux x86_64)\\"\\n","stream":"stdout","time":"2026-11-21T08:15:03.65782275Z"}
                {"log":"2026/11/21 08:15:04 [error] 7#7: *1 open() \\"/usr/share/nginx/html/x\\" failed (2: No such file or directory)\\n","stream":"stderr","time":"2026-11-21T08:15:04Z"}
                {"log":"10.0.0.9 - - [21/Nov/2026:08:15:04 +0000] \\"GET /ping HTTP/1.1\\" 200 4 \\"-\\" \\"Go-http-client/1.1\\"\\n","stream":"stdout","time":"2026-11-21T08:15:04.1Z"}
                """);
        append(app, """
                {"log":"{\\"level\\":\\"info\\",\\"msg\\":\\"order placed\\",\\"order_id\\":42,\\"amount\\":19.99,\\"time\\":\\"2026-11-21T08:15:05Z\\"}\\n","stream":"stdout","time":"2026-11-21T08:15:05.000000001Z"}
                {"log":"{\\"level\\":\\"debug\\",\\"msg\\":\\"probe\\",\\"path\\":\\"/readyz\\"}\\n","stream":"stdout","time":"2026-11-21T08:15:06Z"}
                {"log":"panic: runtime error: index out of range [3] with length 3\\n","stream":"stderr","time":"2026-11-21T08:15:07Z"}
                {"log":"{\\"level\\":\\"warn\\",\\"msg\\":\\"slow \\u003cquery\\u003e\\",\\"ctx\\":{\\"user\\":\\"u1\\",\\"tags\\":[\\"a\\",\\"b\\"]},\\"slow_ms\\":1250,\\"cached\\":false}\\n","stream":"stdout","time":"2026-11-21T08:15:08.25Z"}
                """);
        Path conf = agents.write("fluent.conf", withStdoutOutput(Files.readString(example())));
        Map<String, String> env = Map.of("FLUENT_CONTAINER_TAIL_PATH", containers + "/*.log",
                "FLUENT_POS_FILE", agents.path("containers.log.pos").toString(), "CLUSTER_NAME", "prod-eu-1");
        String host = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
        String common = ",\"cluster\":\"prod-eu-1\",\"hostname\":\"" + host + "\"}";
        String nginxMeta = "\"docker\":{\"container_id\":\"" + NGINX_ID + "\"},\"kubernetes\":{\"container_name\":\"nginx\","
                + "\"namespace_name\":\"shop\",\"pod_name\":\"web-7d9f8b6c5-x2x4z\"}";
        String appMeta = "\"docker\":{\"container_id\":\"" + APP_ID + "\"},\"kubernetes\":{\"container_name\":\"app\","
                + "\"namespace_name\":\"shop\",\"pod_name\":\"orders-5c6d7e8f9-abcde\"}";
        String nginxTag = tag(nginx);
        String appTag = tag(app);
        List<String> expected = new ArrayList<>(List.of(
                "2026-11-21 08:15:02.123456789 +0000 " + nginxTag + ": {\"stream\":\"stdout\"," + nginxMeta
                        + ",\"remote\":\"10.0.0.7\",\"host\":\"-\",\"user\":\"-\",\"method\":\"GET\",\"path\":\"/orders/42\",\"code\":\"200\","
                        + "\"size\":\"612\",\"referer\":\"-\",\"agent\":\"curl/8.4.0\"" + common,
                "2026-11-21 08:15:03.657822750 +0000 " + nginxTag + ": {\"stream\":\"stdout\"," + nginxMeta
                        + ",\"remote\":\"10.0.0.8\",\"host\":\"-\",\"user\":\"alice\",\"method\":\"POST\",\"path\":\"/cart?item=7&qty=2\","
                        + "\"code\":\"201\",\"size\":\"0\",\"referer\":\"https://shop.example/\",\"agent\":\"Mozilla/5.0 (X11; Linux x86_64)\"" + common,
                "2026-11-21 08:15:04.000000000 +0000 " + nginxTag + ": {\"log\":\"2026/11/21 08:15:04 [error] 7#7: *1 open() "
                        + "\\\"/usr/share/nginx/html/x\\\" failed (2: No such file or directory)\",\"stream\":\"stderr\"," + nginxMeta + common,
                "2026-11-21 08:15:05.000000001 +0000 " + appTag + ": {\"stream\":\"stdout\"," + appMeta
                        + ",\"level\":\"info\",\"msg\":\"order placed\",\"order_id\":42,\"amount\":19.99,\"time\":\"2026-11-21T08:15:05Z\"" + common,
                "2026-11-21 08:15:07.000000000 +0000 " + appTag + ": {\"log\":\"panic: runtime error: index out of range [3] with length 3\","
                        + "\"stream\":\"stderr\"," + appMeta + common,
                "2026-11-21 08:15:08.250000000 +0000 " + appTag + ": {\"stream\":\"stdout\"," + appMeta
                        + ",\"level\":\"warn\",\"msg\":\"slow <query>\",\"ctx\":{\"user\":\"u1\",\"tags\":[\"a\",\"b\"]},\"slow_ms\":1250,"
                        + "\"cached\":false" + common));
        AgentProcess agent = agents.start(env, "-c", conf.toString());
        agent.awaitStdout(lines -> lines.size() >= expected.size(), Duration.ofSeconds(60));
        // Lines written while the agent runs take the same way; the probes among them are dropped too.
        append(nginx, """
                {"log":"10.244.0.1 - - [21/Nov/2026:08:16:00 +0000] \\"GET /readyz HTTP/1.1\\" 200 2 \\"-\\" \\"kube-probe/1.29\\"\\n","stream":"stdout","time":"2026-11-21T08:16:00Z"}
                {"log":"10.0.0.7 - - [21/Nov/2026:08:16:01 +0000] \\"DELETE /orders/42 HTTP/1.1\\" 204 - \\"-\\" \\"curl/8.4.0\\"\\n","stream":"stdout","time":"2026-11-21T08:16:01.000000002Z"}
                """);
        append(app, """
                {"log":"{\\"level\\":\\"info\\",\\"msg\\":\\"probe ok\\",\\"path\\":\\"/healthz?full=1\\"}\\n","stream":"stdout","time":"2026-11-21T08:16:02Z"}
                {"log":"{\\"level\\":\\"error\\",\\"msg\\":\\"payment declined\\",\\"order_id\\":43}\\n","stream":"stderr","time":"2026-11-21T08:16:03Z"}
                """);
        expected.add("2026-11-21 08:16:01.000000002 +0000 " + nginxTag + ": {\"stream\":\"stdout\"," + nginxMeta
                + ",\"remote\":\"10.0.0.7\",\"host\":\"-\",\"user\":\"-\",\"method\":\"DELETE\",\"path\":\"/orders/42\",\"code\":\"204\","
                + "\"size\":\"-\",\"referer\":\"-\",\"agent\":\"curl/8.4.0\"" + common);
        expected.add("2026-11-21 08:16:03.000000000 +0000 " + appTag + ": {\"stream\":\"stderr\"," + appMeta
                + ",\"level\":\"error\",\"msg\":\"payment declined\",\"order_id\":43" + common);
        // Each file's lines come out in order: once both files' last lines are out, every probe before them
        // has been seen and dropped.
        agent.awaitStdout(lines -> lines.stream().anyMatch(l -> l.contains("DELETE")) && lines.stream().anyMatch(l -> l.contains("declined")),
                Duration.ofSeconds(60));
        assertEquals(sorted(expected), sorted(agent.stdoutLines()));
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
        assertTrue(agent.stderr().contains("plugin_id=\"in_tail_container_logs\" type=\"tail\" emit_records=13"), agent.stderr());
    }

    /** The example as it is, but for its Elasticsearch {@code <match>}, which becomes stdout. */
    private static String withStdoutOutput(String example) {
        int start = example.indexOf("<match kubernetes.**>");
        int end = example.indexOf("</match>", start) + "</match>".length();
        assertTrue(start >= 0 && example.substring(start, end).contains("@type elasticsearch"), example);
        return example.substring(0, start) + "<match kubernetes.**>\n  @type stdout\n</match>" + example.substring(end);
    }

    /** in_tail's {@code tag kubernetes.*}: the path with / as . */
    private static String tag(Path file) {
        return "kubernetes." + file.toString().substring(1).replace('/', '.');
    }

    private static void append(Path file, String lines) throws IOException {
        Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<String> sorted(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        out.sort(null);
        return out;
    }
}
