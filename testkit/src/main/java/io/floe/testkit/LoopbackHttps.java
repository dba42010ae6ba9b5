package io.floe.testkit;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A JDK HTTPS server on a free loopback port that presents a {@link TestCertificates} certificate, for the plugins that
 * call HTTPS APIs (Elasticsearch, the Kubernetes API): a client trusts it through the certificate's PEM file (its
 * {@code ca_file}), with verification off, or not at all. The caller adds its contexts and starts it.
 */
public final class LoopbackHttps {
    private LoopbackHttps() {
    }

    public static HttpsServer create(TestCertificates.Pem certificate) throws Exception {
        char[] password = "pw".toCharArray();
        KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
        keys.load(null, null);
        keys.setKeyEntry("server", certificate.key(), password, new X509Certificate[] {certificate.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        return server;
    }
}
