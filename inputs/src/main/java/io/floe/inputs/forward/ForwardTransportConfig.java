package io.floe.inputs.forward;

import io.floe.api.config.Arg;
import io.floe.api.config.Param;
import io.floe.codec.tls.TlsProtocols;
import io.floe.codec.tls.TlsServer;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * in_forward's {@code <transport tcp|tls>} section. Its TLS parameters are Fluentd's server-side transport ones;
 * out_forward's {@code tls_*} parameters are another set (flat, client-side), so the two configs stay apart and
 * meet in {@code io.floe.codec.tls}. in_http takes the same section (Fluentd's server helper's transport).
 */
public record ForwardTransportConfig(
        @Arg(desc = "tcp (default) or tls.")
        String protocol,
        @Param(desc = "The TLS version when min_version and max_version are not set.", dflt = "TLSv1_2")
        String version,
        @Param(desc = "The lowest TLS version accepted (TLSv1_2, TLSv1_3).", dflt = Param.NULL)
        String minVersion,
        @Param(desc = "The highest TLS version accepted.", dflt = Param.NULL)
        String maxVersion,
        @Param(desc = "Cipher suites, colon-separated, in OpenSSL or Java names; OpenSSL keyword lists keep the JDK defaults.",
                dflt = "ALL:!aNULL:!eNULL:!SSLv2")
        String ciphers,
        @Param(desc = "Ignore ciphers and use the JDK's default suites.", dflt = "false")
        boolean insecure,
        @Param(desc = "CA certificates (PEM) that client certificates must chain to.", dflt = Param.NULL)
        String caPath,
        @Param(desc = "The server certificate chain (PEM).", dflt = Param.NULL)
        String certPath,
        @Param(desc = "The server private key (PEM, PKCS#8).", dflt = Param.NULL)
        String privateKeyPath,
        @Param(desc = "The passphrase of an encrypted private key.", dflt = Param.NULL, secret = true)
        String privateKeyPassphrase,
        @Param(desc = "Require clients to present a certificate signed by ca_path.", dflt = "false")
        boolean clientCertAuth,
        @Param(desc = "SO_LINGER seconds on close; 0 resets instead of leaving TIME_WAIT. Overrides linger_timeout.", dflt = Param.NULL)
        Integer lingerTimeout) {

    /** How refusals name this section's versions. */
    private static final String VERSION = "TLS version";

    public boolean tls() {
        return "tls".equals(protocol);
    }

    /** The pure checks of {@code <transport tls>}, for the plugin's constructor: no file is read. */
    public void validateTls() {
        if (certPath == null || privateKeyPath == null) {
            throw new IllegalArgumentException("<transport tls> needs cert_path and private_key_path (Floe does not generate certificates)");
        }
        if (clientCertAuth && caPath == null) {
            throw new IllegalArgumentException("<transport tls> client_cert_auth needs ca_path");
        }
        protocols();
        List<String> named = TlsProtocols.cipherSuites(ciphers);
        if (named != null && !insecure) {
            TlsProtocols.requireSupported(named);
        }
    }

    public SslContext sslContext() throws SSLException {
        return new TlsServer(Path.of(certPath), Path.of(privateKeyPath), privateKeyPassphrase, caPath == null ? null : Path.of(caPath),
                clientCertAuth, protocols(), insecure ? null : TlsProtocols.cipherSuites(ciphers)).nettyContext();
    }

    /** {@code version} alone, or every version from {@code min_version} (default TLSv1_2) to {@code max_version} (TLSv1_3). */
    List<String> protocols() {
        if (minVersion == null && maxVersion == null) {
            return List.of(TlsProtocols.javaVersion(version, VERSION));
        }
        List<String> range = TlsProtocols.between(minVersion != null ? minVersion : "TLSv1_2", maxVersion != null ? maxVersion : "TLSv1_3", VERSION);
        if (range.isEmpty()) {
            throw new IllegalArgumentException("<transport tls> min_version is above max_version");
        }
        return range;
    }
}
