package io.floe.codec.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real TLS handshakes, engine to engine in memory, between a {@link TlsServer} on a self-signed certificate and
 * the {@link TlsClient} contexts every user builds: trusting the certificate's file, trusting anything, the JDK's
 * defaults (which refuse it), and showing a client certificate to a server that requires one.
 */
class TlsHandshakeTest {
    static Path cert;
    static Path key;

    @BeforeAll
    static void serverCertificate() throws Exception {
        cert = PemFilesTest.resource("localhost.crt");
        key = PemFilesTest.resource("localhost.key");
    }

    private static SSLEngine server(List<String> protocols) throws SSLException {
        return new TlsServer(cert, key, null, null, false, protocols, null).nettyContext().newEngine(ByteBufAllocator.DEFAULT);
    }

    private static SSLEngine jdkClient(SSLContext ctx) {
        SSLEngine e = ctx.createSSLEngine("localhost", 24224);
        e.setUseClientMode(true);
        return e;
    }

    @Test
    void aNettyClientTrustingTheCertificateFileGetsTheVersionItPins() throws Exception {
        SSLEngine client = new TlsClient(true, List.of(cert), null, null, null, List.of("TLSv1.2")).nettyContext()
                .newEngine(ByteBufAllocator.DEFAULT, "localhost", 24224);
        handshake(client, server(List.of("TLSv1.2", "TLSv1.3")));
        assertEquals("TLSv1.2", client.getSession().getProtocol());
    }

    @Test
    void aJdkClientTrustsItsCaFileOrAnythingWhenNotVerifying() throws Exception {
        SSLEngine trusting = jdkClient(TlsClient.of(true, cert, null, null).jdkContext());
        handshake(trusting, server(List.of("TLSv1.3")));
        assertEquals("TLSv1.3", trusting.getSession().getProtocol());
        SSLEngine insecure = jdkClient(TlsClient.of(false, null, null, null).jdkContext());
        handshake(insecure, server(List.of("TLSv1.3")));
        assertEquals("TLSv1.3", insecure.getSession().getProtocol());
    }

    @Test
    void theJdkDefaultsNeedNoContextAndRefuseASelfSignedServer() throws Exception {
        assertNull(TlsClient.of(true, null, null, null).jdkContext(), "the HTTP client keeps its own");
        SSLEngine defaults = jdkClient(SSLContext.getDefault());
        assertThrows(SSLException.class, () -> handshake(defaults, server(List.of("TLSv1.3"))));
    }

    @Test
    void aServerRequiringClientCertificatesTakesOneFromItsCaAndRefusesNone() throws Exception {
        TlsServer mutual = new TlsServer(cert, key, null, cert, true, List.of("TLSv1.3"), null);
        SSLEngine jdk = jdkClient(TlsClient.of(true, cert, cert, key).jdkContext());
        handshake(jdk, mutual.nettyContext().newEngine(ByteBufAllocator.DEFAULT));
        assertEquals("CN=localhost", jdk.getSession().getLocalPrincipal().getName());
        SSLEngine netty = new TlsClient(true, List.of(cert), cert, key, null, List.of()).nettyContext()
                .newEngine(ByteBufAllocator.DEFAULT, "localhost", 24224);
        handshake(netty, mutual.nettyContext().newEngine(ByteBufAllocator.DEFAULT));
        SSLEngine anonymous = jdkClient(TlsClient.of(true, cert, null, null).jdkContext());
        assertThrows(SSLException.class, () -> handshake(anonymous, mutual.nettyContext().newEngine(ByteBufAllocator.DEFAULT)));
    }

    /** Shuttles records between the two engines until both are done; a refusal surfaces as an SSLException. */
    static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
        ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 100 && !(done(client) && done(server)); round++) {
            pass(client, toServer, server);
            pass(server, toClient, client);
        }
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, client.getHandshakeStatus());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, server.getHandshakeStatus());
    }

    /** One flight: what {@code from} has to send goes over {@code wire} into {@code to}. */
    private static void pass(SSLEngine from, ByteBuffer wire, SSLEngine to) throws SSLException {
        from.wrap(ByteBuffer.allocate(0), wire);
        runTasks(from);
        wire.flip();
        to.unwrap(wire, ByteBuffer.allocate(1 << 17));
        wire.compact();
        runTasks(to);
    }

    private static boolean done(SSLEngine e) {
        return e.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    private static void runTasks(SSLEngine e) {
        for (Runnable task = e.getDelegatedTask(); task != null; task = e.getDelegatedTask()) {
            task.run();
        }
    }
}
