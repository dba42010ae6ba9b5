package io.floe.codec.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * A TLS server's side for Netty, on the JDK's TLS.
 *
 * @param certificate the server's certificate chain (PEM)
 * @param privateKey its private key (PEM, PKCS#8, encrypted when {@code keyPassphrase} is set)
 * @param trustedCa the CAs (PEM) client certificates must chain to, or null
 * @param requireClientCertificate refuse clients without a certificate from {@code trustedCa}
 * @param protocols the versions offered, in Java's names ({@link TlsProtocols#javaVersion})
 * @param cipherSuites the suites offered, in Java's names, or null for the JDK's defaults
 */
public record TlsServer(Path certificate, Path privateKey, String keyPassphrase, Path trustedCa,
        boolean requireClientCertificate, List<String> protocols, List<String> cipherSuites) {

    public SslContext nettyContext() throws SSLException {
        SslContextBuilder b = SslContextBuilder.forServer(certificate.toFile(), privateKey.toFile(), keyPassphrase)
                .sslProvider(SslProvider.JDK)
                .protocols(protocols);
        if (trustedCa != null) {
            b.trustManager(trustedCa.toFile());
        }
        if (requireClientCertificate) {
            b.clientAuth(ClientAuth.REQUIRE);
        }
        if (cipherSuites != null) {
            b.ciphers(cipherSuites, SupportedCipherSuiteFilter.INSTANCE);
        }
        return b.build();
    }
}
