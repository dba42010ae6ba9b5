package io.floe.inputs.forward;

import static io.floe.testkit.Mp.list;
import static io.floe.testkit.Mp.map;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.testkit.ForwardClient;
import io.floe.testkit.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;
import org.msgpack.value.ArrayValue;

/** The shared-key handshake and TLS, on real sockets. */
class ForwardInputSecurityTest extends WithRunningInput {
    private static final String[] SECURITY = {"<security>", "self_hostname server", "shared_key secret123", "user_auth true",
        "<user>", "username alice", "password wonderland", "</user>", "</security>"};

    @TempDir
    Path dir;

    private static String[] with(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void aClientThatPassesTheHandshakeIsServed() throws Exception {
        in = RunningInput.start(SECURITY);
        try (ForwardClient c = in.connect()) {
            ArrayValue pong = c.handshake("client", "secret123", "alice", "wonderland");
            assertTrue(pong.get(1).asBooleanValue().getBoolean(), pong.toString());
            assertEquals("server", pong.get(3).asStringValue().asString());
            c.send(list("secure", 1, map("k", "v"), map("chunk", "s1")));
            assertEquals("s1", c.readAck());
        }
        assertEquals(map("k", "v"), in.plugin.router.records().get(0));
    }

    @Test
    void aWrongKeyIsToldWhyClosedLoggedOnceAndCounted() throws Exception {
        in = RunningInput.start(SECURITY);
        try (ForwardClient c = in.connect()) {
            ArrayValue pong = c.handshake("client", "wrongkey", "alice", "wonderland");
            assertFalse(pong.get(1).asBooleanValue().getBoolean());
            assertEquals("shared_key mismatch", pong.get(2).asStringValue().asString());
            assertTrue(c.closedByServer());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> in.plugin.metrics.numErrors.sum() == 1);
        List<String> warns = in.plugin.log.warnings();
        assertEquals(1, warns.size(), warns.toString());
        assertTrue(warns.get(0).matches("closing forward connection from 127\\.0\\.0\\.1:\\d+: authentication failed: shared_key mismatch.*"),
                warns.get(0));
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        in = RunningInput.start(SECURITY);
        try (ForwardClient c = in.connect()) {
            ArrayValue pong = c.handshake("client", "secret123", "alice", "guess");
            assertEquals("username/password mismatch", pong.get(2).asStringValue().asString());
            assertTrue(c.closedByServer());
        }
        assertEquals(0, in.plugin.router.count());
    }

    @Test
    void dataBeforeTheHandshakeIsNotAccepted() throws Exception {
        in = RunningInput.start(SECURITY);
        try (ForwardClient c = in.connect()) {
            c.read(); // HELO
            c.send(list("sneaky", 1, map("k", "v"), map("chunk", "x")));
            ArrayValue pong = c.read().asArrayValue();
            assertEquals("invalid ping message", pong.get(2).asStringValue().asString());
            assertTrue(c.closedByServer());
        }
        assertEquals(0, in.plugin.router.count());
    }

    @Test
    void tlsWithTheHandshakeInside() throws Exception {
        TestCertificates.Pem server = TestCertificates.selfSigned(dir, "server");
        in = RunningInput.start(with(SECURITY, "<transport tls>", "cert_path " + server.certPath(), "private_key_path " + server.keyPath(),
                "min_version TLSv1_2", "max_version TLSv1_3", "</transport>"));
        try (ForwardClient c = ForwardClient.connect(in.port(), TestCertificates.clientContext(server, null).getSocketFactory())) {
            assertTrue(c.handshake("client", "secret123", "alice", "wonderland").get(1).asBooleanValue().getBoolean());
            c.send(list("tls", 1, map("k", "v"), map("chunk", "t1")));
            assertEquals("t1", c.readAck());
            assertEquals("TLSv1.3", ((SSLSocket) c.socket()).getSession().getProtocol());
        }
    }

    @ParameterizedTest(name = "TLS with a {0} key and Fluentd's default version")
    @EnumSource(TestCertificates.KeyFormat.class)
    void tlsReadsTheKeyFormatsOpensslWrites(TestCertificates.KeyFormat format) throws Exception {
        TestCertificates.Pem server = TestCertificates.selfSigned(dir, "server", format);
        in = RunningInput.start("<transport tls>", "cert_path " + server.certPath(), "private_key_path " + server.keyPath(),
                format.name().endsWith("ENCRYPTED") ? "private_key_passphrase " + TestCertificates.PASSPHRASE : "", "</transport>");
        try (ForwardClient c = ForwardClient.connect(in.port(), TestCertificates.clientContext(server, null).getSocketFactory())) {
            c.send(list("tls", 1, map("k", "v"), map("chunk", "t1")));
            assertEquals("t1", c.readAck());
            assertEquals("TLSv1.2", ((SSLSocket) c.socket()).getSession().getProtocol(), "Fluentd's default version is TLSv1_2 only");
        }
    }

    @Test
    void aPlainClientOnATlsPortIsClosedAndLoggedOnce() throws Exception {
        TestCertificates.Pem server = TestCertificates.selfSigned(dir, "server");
        in = RunningInput.start("<transport tls>", "cert_path " + server.certPath(), "private_key_path " + server.keyPath(), "</transport>");
        try (ForwardClient c = in.connect()) {
            c.send(list("plain", 1, map("k", "v"), map("chunk", "p")));
            assertTrue(c.closedByServer());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> in.plugin.metrics.numErrors.sum() == 1);
        assertEquals(1, in.plugin.log.warnings().size());
        assertEquals(0, in.plugin.router.count());
    }

    @Test
    void clientCertificatesCanBeRequired() throws Exception {
        TestCertificates.Pem server = TestCertificates.selfSigned(dir, "server");
        TestCertificates.Pem client = TestCertificates.selfSigned(dir, "client");
        in = RunningInput.start("<transport tls>", "cert_path " + server.certPath(), "private_key_path " + server.keyPath(),
                "ca_path " + client.certPath(), "client_cert_auth true", "version TLSv1_2", "</transport>");
        try (ForwardClient c = ForwardClient.connect(in.port(), TestCertificates.clientContext(server, client).getSocketFactory())) {
            c.send(list("mtls", 1, map("k", "v"), map("chunk", "m1")));
            assertEquals("m1", c.readAck());
        }
        try (ForwardClient anonymous = ForwardClient.connect(in.port(), TestCertificates.clientContext(server, null).getSocketFactory())) {
            try {
                anonymous.send(list("mtls", 1, map("k", "v"), map("chunk", "m2")));
            } catch (java.io.IOException refused) {
                // the handshake may already fail on write
            }
            assertTrue(anonymous.closedByServer());
        }
        assertEquals(1, in.plugin.router.count());
    }

    @Test
    void fluencyOverTls() throws Exception {
        TestCertificates.Pem server = TestCertificates.selfSigned(dir, "server");
        in = RunningInput.start("<transport tls>", "cert_path " + server.certPath(), "private_key_path " + server.keyPath(), "</transport>");
        FluencyBuilderForFluentd builder = new FluencyBuilderForFluentd();
        builder.setSslEnabled(true);
        builder.setSslSocketFactory(TestCertificates.clientContext(server, null).getSocketFactory());
        in.sendWithFluency(builder, "fluency.tls", 100, i -> Map.of("seq", i));
        assertEquals(100, in.plugin.router.count());
    }
}
