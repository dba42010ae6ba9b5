package io.floe.outputs.elasticsearch;

import static io.floe.outputs.elasticsearch.EsTestSupport.chunk;
import static io.floe.outputs.elasticsearch.EsTestSupport.numbered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.floe.testkit.RecordingLogger;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * https hosts against a small TLS server with a self-signed certificate (made by keytool): ca_file trusts it,
 * ssl_verify false trusts anything, the JDK's defaults refuse it.
 */
class ElasticsearchTlsTest {
    @TempDir
    static Path dir;
    static HttpsServer server;
    static Path caFile;
    static final AtomicInteger BULKS = new AtomicInteger();

    @BeforeAll
    static void startTlsServer() throws Exception {
        Path ks = dir.resolve("server.p12");
        caFile = dir.resolve("ca.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "es", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2");
        run(keytool, "-exportcert", "-rfc", "-keystore", ks.toString(), "-storepass", "changeit", "-alias", "es",
                "-file", caFile.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.createContext("/", ex -> {
            byte[] req = ex.getRequestBody().readAllBytes();
            String body;
            if (ex.getRequestURI().getPath().endsWith("/_bulk")) {
                BULKS.incrementAndGet();
                int items = new String(req, StandardCharsets.UTF_8).split("\n").length / 2;
                body = "{\"errors\":false,\"items\":[" + String.join(",", java.util.Collections.nCopies(items,
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
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static ElasticsearchOutput output(RecordingLogger log, String... more) throws IOException {
        String[] base = {"host 127.0.0.1", "port " + server.getAddress().getPort(), "scheme https", "request_timeout 3s"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return EsTestSupport.start(log, all);
    }

    @Test
    void caFileTrustsTheServer() throws Exception {
        RecordingLogger log = new RecordingLogger("test", Level.INFO);
        ElasticsearchOutput out = output(log, "ca_file " + caFile);
        try {
            assertEquals(List.of(), log.at(Level.WARN), "the version check went through TLS");
            int before = BULKS.get();
            assertTrue(out.write(chunk("0123456789abcdef0123456789abcdef", "t", numbered(0, 3))).isOk());
            assertEquals(before + 1, BULKS.get());
        } finally {
            out.stop();
        }
    }

    @Test
    void sslVerifyFalseTrustsAnything() throws Exception {
        ElasticsearchOutput out = output(new RecordingLogger("test", Level.INFO), "ssl_verify false");
        try {
            assertTrue(out.write(chunk("0123456789abcdef0123456789abcdef", "t", numbered(0, 3))).isOk());
        } finally {
            out.stop();
        }
    }

    @Test
    void anUntrustedCertificateIsRetriedNotSkipped() throws Exception {
        ElasticsearchOutput out = output(new RecordingLogger("test", Level.INFO));
        try {
            IOException e = assertThrows(IOException.class,
                    () -> out.write(chunk("0123456789abcdef0123456789abcdef", "t", numbered(0, 1))));
            assertTrue(e.getMessage().startsWith("could not push logs to Elasticsearch cluster (https://127.0.0.1:"),
                    e.getMessage());
        } finally {
            out.stop();
        }
    }

    static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + ": " + out);
        }
    }
}
