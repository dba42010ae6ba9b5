package io.floe.codec.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS client's side: which servers it trusts and which certificate it shows, as a Netty context (forward
 * output) or a JDK one (HTTP clients: Elasticsearch, the Kubernetes API).
 *
 * @param verify false trusts any certificate under any name (the user's "insecure"/"verify false")
 * @param trustedCas CA files (PEM) to trust instead of the JDK's; empty keeps the JDK's
 * @param clientCertificate a certificate chain (PEM) to show servers that ask, or null
 * @param clientKey its private key (PEM), set exactly when {@code clientCertificate} is
 * @param keyPassphrase the passphrase of an encrypted client key (Netty only), or null
 * @param protocols the versions offered, in Java's names (Netty only); empty for the JDK's defaults
 */
public record TlsClient(boolean verify, List<Path> trustedCas, Path clientCertificate, Path clientKey,
        String keyPassphrase, List<String> protocols) {

    public TlsClient {
        if ((clientCertificate == null) != (clientKey == null)) {
            throw new IllegalArgumentException("client_cert and client_key go together");
        }
        trustedCas = List.copyOf(trustedCas);
        protocols = List.copyOf(protocols);
    }

    /** A client for a JDK HTTP client: no client certificate, no version pinning. */
    public static TlsClient of(boolean verify, Path trustedCa, Path clientCertificate, Path clientKey) {
        return new TlsClient(verify, trustedCa == null ? List.of() : List.of(trustedCa), clientCertificate, clientKey, null, List.of());
    }

    public SslContext nettyContext() throws IOException {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
        if (!protocols.isEmpty()) {
            b.protocols(protocols);
        }
        if (!verify) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (!trustedCas.isEmpty()) {
            try {
                b.trustManager(trustedCertificates().toArray(new X509Certificate[0]));
            } catch (GeneralSecurityException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        if (clientCertificate != null) {
            b.keyManager(clientCertificate.toFile(), clientKey.toFile(), keyPassphrase);
        }
        return b.build();
    }

    /** A JDK context, or null when nothing differs from the JDK's defaults, so the HTTP client keeps its own. */
    public SSLContext jdkContext() throws IOException, GeneralSecurityException {
        if (verify && trustedCas.isEmpty() && clientCertificate == null) {
            return null;
        }
        TrustManager[] trust = !verify ? new TrustManager[] {new TrustAll()} : trustedCas.isEmpty() ? null : trustManagers();
        KeyManagerFactory keys = null;
        if (clientCertificate != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            List<Certificate> chain = PemFiles.certificates(clientCertificate);
            ks.setKeyEntry("client", PemFiles.privateKey(clientKey), new char[0], chain.toArray(new Certificate[0]));
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(ks, new char[0]);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keys == null ? null : keys.getKeyManagers(), trust, new SecureRandom());
        return ctx;
    }

    private TrustManager[] trustManagers() throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int n = 0;
        for (Certificate c : trustedCertificates()) {
            ks.setCertificateEntry("ca-" + n++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf.getTrustManagers();
    }

    private List<X509Certificate> trustedCertificates() throws IOException, GeneralSecurityException {
        List<X509Certificate> out = new ArrayList<>();
        for (Path p : trustedCas) {
            for (Certificate c : PemFiles.certificates(p)) {
                out.add((X509Certificate) c);
            }
        }
        return out;
    }
}
