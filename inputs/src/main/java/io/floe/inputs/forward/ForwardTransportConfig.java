package io.floe.inputs.forward;

import io.floe.api.config.Arg;
import io.floe.api.config.Param;

/** in_forward's {@code <transport tcp|tls>} section. */
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

    boolean tls() {
        return "tls".equals(protocol);
    }
}
