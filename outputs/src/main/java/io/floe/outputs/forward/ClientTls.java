package io.floe.outputs.forward;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code transport tls} for the forward output, on the JDK's TLS: the servers' certificates are checked against
 * {@code tls_cert_path} (or the JDK's trusted CAs), {@code tls_insecure_mode} trusts anything, and a client
 * certificate is presented when {@code tls_client_cert_path} is given.
 */
final class ClientTls {
    private ClientTls() {
    }

    /** Fluentd's version names ({@code TLSv1_2}, {@code TLS1_3}) in Java's form. */
    static String javaVersion(String fluentd) {
        String v = fluentd.trim().toUpperCase(Locale.ROOT).replace("TLSV", "TLS").replace('_', '.');
        return switch (v) {
            case "TLS1.2" -> "TLSv1.2";
            case "TLS1.3" -> "TLSv1.3";
            case "TLS1.1" -> "TLSv1.1";
            case "TLS1", "TLS1.0" -> "TLSv1";
            default -> throw new IllegalArgumentException("unknown tls_version '" + fluentd + "' (use TLSv1_2 or TLSv1_3)");
        };
    }

    static SslContext context(ForwardOutput.Config c) throws IOException {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .protocols(protocols(c.tlsVersion()));
        if (c.tlsInsecureMode()) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (!c.tlsCertPath().isEmpty()) {
            b.trustManager(certificates(c.tlsCertPath()).toArray(new X509Certificate[0]));
        }
        if (c.tlsClientCertPath() != null) {
            b.keyManager(new File(c.tlsClientCertPath()), new File(c.tlsClientPrivateKeyPath()),
                    c.tlsClientPrivateKeyPassphrase());
        }
        return b.build();
    }

    /** Exactly tls_version, as Fluentd sets it on its OpenSSL context (and as Floe's forward input does). */
    private static String[] protocols(String version) {
        return new String[] {javaVersion(version)};
    }

    private static List<X509Certificate> certificates(List<String> paths) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            for (String p : paths) {
                byte[] pem = Files.readAllBytes(Path.of(p));
                for (var cert : f.generateCertificates(new ByteArrayInputStream(pem))) {
                    out.add((X509Certificate) cert);
                }
            }
        } catch (CertificateException e) {
            throw new IOException("tls_cert_path: " + e.getMessage(), e);
        }
        return out;
    }
}
