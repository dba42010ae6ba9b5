package io.floe.outputs.elasticsearch;

import static io.floe.outputs.elasticsearch.EsTestSupport.chunk;
import static io.floe.outputs.elasticsearch.EsTestSupport.numbered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import io.floe.outputs.TestResources;
import io.floe.testkit.LoopbackHttps;
import io.floe.testkit.RecordingLogger;
import io.floe.testkit.TestCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * https hosts against a small TLS server with a self-signed certificate: ca_file trusts it, ssl_verify false trusts
 * anything, the JDK's defaults refuse it.
 */
class ElasticsearchTlsTest {
    @TempDir
    static Path dir;
    static HttpsServer server;
    static Path caFile;
    static final AtomicInteger BULKS = new AtomicInteger();
    @RegisterExtension
    final TestResources resources = new TestResources();

    @BeforeAll
    static void startTlsServer() throws Exception {
        TestCertificates.Pem certificate = TestCertificates.selfSigned(dir, "es");
        caFile = certificate.certPath();
        server = LoopbackHttps.create(certificate);
        server.createContext("/", ElasticsearchTlsTest::answer);
        server.start();
    }

    /** As Elasticsearch 8.17 answers: its root info, and every bulk item created. */
    static void answer(HttpExchange ex) throws IOException {
        byte[] req = ex.getRequestBody().readAllBytes();
        String body;
        if (ex.getRequestURI().getPath().endsWith("/_bulk")) {
            BULKS.incrementAndGet();
            int items = new String(req, StandardCharsets.UTF_8).split("\n").length / 2;
            body = "{\"errors\":false,\"items\":[" + String.join(",", Collections.nCopies(items,
                    "{\"index\":{\"status\":201}}")) + "]}";
        } else {
            body = "{\"name\":\"tls\",\"cluster_name\":\"tls\",\"cluster_uuid\":\"x\",\"version\":{\"number\":\"8.17.0\","
                    + "\"build_flavor\":\"default\",\"build_type\":\"zip\",\"build_hash\":\"x\",\"build_date\":\"2024-12-11T12:08:05Z\","
                    + "\"build_snapshot\":false,\"lucene_version\":\"9.12.0\",\"minimum_wire_compatibility_version\":\"7.17.0\","
                    + "\"minimum_index_compatibility_version\":\"7.0.0\"},\"tagline\":\"You Know, for Search\"}";
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("X-Elastic-Product", "Elasticsearch");
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** An output on the TLS server, stopped after the test. */
    ElasticsearchOutput output(RecordingLogger log, String... more) throws IOException {
        return resources.stop(EsTestSupport.start(log, List.of("host 127.0.0.1", "port " + server.getAddress().getPort(),
                "scheme https", "request_timeout 3s"), more));
    }

    @Test
    void caFileTrustsTheServer() throws Exception {
        RecordingLogger log = new RecordingLogger("test", Level.INFO);
        ElasticsearchOutput out = output(log, "ca_file " + caFile);
        assertEquals(List.of(), log.at(Level.WARN), "the version check went through TLS");
        int before = BULKS.get();
        assertTrue(out.write(chunk("0123456789abcdef0123456789abcdef", "t", numbered(0, 3))).isOk());
        assertEquals(before + 1, BULKS.get());
    }

    @Test
    void sslVerifyFalseTrustsAnything() throws Exception {
        ElasticsearchOutput out = output(new RecordingLogger("test", Level.INFO), "ssl_verify false");
        assertTrue(out.write(chunk("0123456789abcdef0123456789abcdef", "t", numbered(0, 3))).isOk());
    }

    @Test
    void anUntrustedCertificateIsRetriedNotSkipped() throws Exception {
        ElasticsearchOutput out = output(new RecordingLogger("test", Level.INFO));
        IOException e = assertThrows(IOException.class,
                () -> out.write(chunk("0123456789abcdef0123456789abcdef", "t", numbered(0, 1))));
        assertTrue(e.getMessage().startsWith("could not push logs to Elasticsearch cluster (https://127.0.0.1:"),
                e.getMessage());
    }
}
