package io.floe.filters.kubernetes_metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.codec.event.Event;
import io.floe.filters.FilterTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesMetadataFilterTest {
    static final String ID = "5f1ea4c2d9a1b0c3e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4";
    static final String TAG = "kubernetes.var.log.containers.web-7d9f8-abcde_shop_nginx-" + ID + ".log";
    static final String POD = """
            {"kind":"Pod","apiVersion":"v1",
             "metadata":{"name":"web-7d9f8-abcde","namespace":"shop","uid":"0f3c2a9e-1111-2222-3333-444455556666",
               "labels":{"app":"web","app.kubernetes.io/version":"1.2","pod-template-hash":"7d9f8"},
               "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{...}","prometheus.io/scrape":"true"}},
             "spec":{"nodeName":"node-3","containers":[{"name":"nginx","image":"nginx:1.27"}]},
             "status":{"podIP":"10.1.2.3","containerStatuses":[{"name":"nginx","image":"docker.io/library/nginx:1.27",
               "imageID":"docker.io/library/nginx@sha256:abc","containerID":"containerd://%s"}]}}
            """.formatted(ID);
    static final String NAMESPACE = """
            {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"shop","uid":"9a9a9a9a-0000-1111-2222-333344445555",
             "labels":{"kubernetes.io/metadata.name":"shop","team":"checkout"}}}
            """;

    @TempDir
    Path dir;

    private final FilterTestSupport.Ctx ctx = new FilterTestSupport.Ctx();

    private KubernetesMetadataFilter filter(Map<String, String> env, String... lines) throws Exception {
        String[] all = new String[lines.length + 1];
        all[0] = "@type kubernetes_metadata";
        System.arraycopy(lines, 0, all, 1, lines.length);
        return new KubernetesMetadataFilter(FilterTestSupport.bind(KubernetesMetadataFilter.Config.class, all), ctx, env);
    }

    private static Event event(Map<String, Object> record) {
        return new Event(FilterTestSupport.T, new LinkedHashMap<>(record));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> k8s(Event e) {
        return (Map<String, Object>) e.record().get("kubernetes");
    }

    @Test
    void withoutApiTheNamesComeFromTheFileNameInTheTag() throws Exception {
        KubernetesMetadataFilter f = filter(Map.of(), "secret_dir " + dir);
        Event e = event(Map.of("log", "hello", "stream", "stdout"));
        assertTrue(f.filter(TAG, e));
        assertEquals(Map.of("container_id", ID), e.record().get("docker"));
        assertEquals(Map.of("container_name", "nginx", "namespace_name", "shop", "pod_name", "web-7d9f8-abcde"), k8s(e));
        assertEquals("hello", e.record().get("log"));
        assertTrue(ctx.log.formatted().stream().anyMatch(l -> l.contains("no Kubernetes API")), ctx.log.formatted().toString());
    }

    @Test
    void aRecordFromAnotherFilePassesUnchanged() throws Exception {
        KubernetesMetadataFilter f = filter(Map.of(), "secret_dir " + dir);
        Event e = event(Map.of("message", "x"));
        assertTrue(f.filter("app.var.log.syslog", e));
        assertEquals(Map.of("message", "x"), e.record());
    }

    @Test
    void namesFromThePathKeyField() throws Exception {
        KubernetesMetadataFilter f = filter(Map.of(), "secret_dir " + dir, "path_key path");
        Event e = event(Map.of("log", "x", "path", "/var/log/containers/db-0_data_postgres-" + ID + ".log"));
        assertTrue(f.filter("some.tag", e));
        assertEquals("db-0", k8s(e).get("pod_name"));
        assertEquals("data", k8s(e).get("namespace_name"));
        assertEquals("postgres", k8s(e).get("container_name"));
    }

    @Test
    void withTheApiPodAndNamespaceMetadataCachedPerPod() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "s3cr3t-token\n");
        try (FakeApiServer api = FakeApiServer.http()) {
            api.objects.put("/api/v1/namespaces/shop/pods/web-7d9f8-abcde", POD);
            api.objects.put("/api/v1/namespaces/shop", NAMESPACE);
            KubernetesMetadataFilter f = filter(Map.of(), "kubernetes_url " + api.url("http") + "/api", "bearer_token_file " + token,
                    "annotation_match [\"^prometheus\"]");
            Event e = event(Map.of("log", "hello"));
            f.filter(TAG, e);
            Map<String, Object> k = k8s(e);
            assertEquals("0f3c2a9e-1111-2222-3333-444455556666", k.get("pod_id"));
            assertEquals("node-3", k.get("host"));
            assertEquals("10.1.2.3", k.get("pod_ip"));
            assertEquals(Map.of("app", "web", "app_kubernetes_io/version", "1.2", "pod-template-hash", "7d9f8"),
                    k.get("labels"));
            assertEquals(Map.of("prometheus_io/scrape", "true"), k.get("annotations"));
            assertEquals("docker.io/library/nginx:1.27", k.get("container_image"));
            assertEquals("docker.io/library/nginx@sha256:abc", k.get("container_image_id"));
            assertEquals(api.url("http"), k.get("master_url"));
            assertEquals("9a9a9a9a-0000-1111-2222-333344445555", k.get("namespace_id"));
            assertEquals(Map.of("kubernetes_io/metadata_name", "shop", "team", "checkout"), k.get("namespace_labels"));
            assertEquals("shop", k.get("namespace_name"));
            for (int i = 0; i < 10; i++) {
                f.filter(TAG, event(Map.of("log", "more")));
            }
            assertEquals(1, api.count("/pods/"), "one lookup per pod: " + api.requests);
            assertEquals(List.of("Bearer s3cr3t-token"), api.authorizations.stream().distinct().toList());
        }
    }

    @Test
    void aPodTheApiDoesNotKnowIsAnOrphan() throws Exception {
        try (FakeApiServer api = FakeApiServer.http()) {
            KubernetesMetadataFilter f = filter(Map.of(), "kubernetes_url " + api.url("http"), "secret_dir " + dir);
            Event e = event(Map.of("log", "x"));
            f.filter(TAG, e);
            assertEquals(".orphaned", k8s(e).get("namespace_name"));
            assertEquals("shop", k8s(e).get("orphaned_namespace"));
            assertEquals("orphaned", k8s(e).get("namespace_id"));
        }
    }

    @Test
    void whenTheApiFailsRecordsKeepTheFileNamesAndTheApiIsNotAskedForEveryLine() throws Exception {
        try (FakeApiServer api = FakeApiServer.http()) {
            api.status = 500;
            KubernetesMetadataFilter f = filter(Map.of(), "kubernetes_url " + api.url("http"), "secret_dir " + dir);
            for (int i = 0; i < 5; i++) {
                Event e = event(Map.of("log", "x"));
                f.filter(TAG, e);
                assertEquals("shop", k8s(e).get("namespace_name"));
                assertNull(k8s(e).get("pod_id"));
            }
            assertEquals(1, api.count("/pods/"));
            assertEquals(1, ctx.log.formatted().stream().filter(l -> l.startsWith("WARN") && l.contains("HTTP 500")).count(), ctx.log.formatted().toString());
        }
    }

    @Test
    void inClusterWithTheServiceAccountsTokenAndCa() throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("serviceaccount"));
        Files.writeString(secrets.resolve("token"), "in-cluster-token");
        try (FakeApiServer api = FakeApiServer.https(dir, secrets.resolve("ca.crt"))) {
            api.objects.put("/api/v1/namespaces/shop/pods/web-7d9f8-abcde", POD);
            Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT", String.valueOf(api.port()));
            KubernetesMetadataFilter f = filter(env, "secret_dir " + secrets, "skip_namespace_metadata true");
            Event e = event(Map.of("log", "x"));
            f.filter(TAG, e);
            assertEquals("node-3", k8s(e).get("host"));
            assertEquals(List.of("Bearer in-cluster-token"), api.authorizations);
            assertEquals("https://127.0.0.1:" + api.port(), k8s(e).get("master_url"));
        }
    }

    @Test
    void tlsIsVerifiedUnlessVerifySslIsOff() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        try (FakeApiServer api = FakeApiServer.https(dir, other.resolve("unused.crt"))) {
            api.objects.put("/api/v1/namespaces/shop/pods/web-7d9f8-abcde", POD);
            KubernetesMetadataFilter strict = filter(Map.of(), "kubernetes_url " + api.url("https"), "secret_dir " + dir,
                    "skip_namespace_metadata true");
            Event e = event(Map.of("log", "x"));
            strict.filter(TAG, e);
            assertNull(k8s(e).get("host"), "an unknown CA is refused");
            assertTrue(ctx.log.formatted().stream().anyMatch(l -> l.startsWith("WARN") && l.contains("cannot read pod shop/web-7d9f8-abcde")));
            KubernetesMetadataFilter lax = filter(Map.of(), "kubernetes_url " + api.url("https"), "secret_dir " + dir, "verify_ssl false",
                    "skip_namespace_metadata true");
            Event e2 = event(Map.of("log", "x"));
            lax.filter(TAG, e2);
            assertEquals("node-3", k8s(e2).get("host"));
        }
    }

    @Test
    void cacheSizeAndTtl() {
        long[] now = {0};
        TtlCache<String, String> c = new TtlCache<>(2, 100, () -> now[0]);
        c.put("a", "1");
        c.put("b", "2");
        c.get("a");
        c.put("c", "3");
        assertNull(c.get("b"), "least recently used goes first");
        assertEquals("1", c.get("a"));
        now[0] = 100;
        assertNull(c.get("a"), "expired after cache_ttl");
    }

    @Test
    void mergeJsonLog() throws Exception {
        KubernetesMetadataFilter f = filter(Map.of(), "secret_dir " + dir, "merge_json_log true");
        Event json = event(Map.of("log", "{\"level\":\"info\",\"msg\":\"hi\",\"stream\":\"overridden?\"}", "stream", "stdout"));
        f.filter(TAG, json);
        assertEquals("info", json.record().get("level"));
        assertEquals("hi", json.record().get("msg"));
        assertEquals("stdout", json.record().get("stream"), "the record's own field wins");
        assertTrue(json.record().containsKey("log"), "preserve_json_log defaults to true");
        Event plain = event(Map.of("log", "not {json}"));
        f.filter(TAG, plain);
        assertEquals("not {json}", plain.record().get("log"));
        assertFalse(plain.record().containsKey("level"));

        KubernetesMetadataFilter drop = filter(Map.of(), "secret_dir " + dir, "merge_json_log true", "preserve_json_log false");
        Event cri = event(Map.of("message", "{\"a\":1}", "logtag", "F"));
        drop.filter(TAG, cri);
        assertEquals(1L, cri.record().get("a"));
        assertFalse(cri.record().containsKey("message"));
    }
}
