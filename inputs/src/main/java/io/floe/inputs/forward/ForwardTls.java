package io.floe.inputs.forward;

import io.netty.handler.ssl.CipherSuiteConverter;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.File;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Maps {@code <transport tls>} to a Netty server {@link SslContext} on the JDK's TLS. Fluentd speaks
 * OpenSSL, so its version names ({@code TLSv1_2}) and cipher strings are translated: named suites in
 * OpenSSL form become Java names, while keyword lists such as Fluentd's default
 * {@code ALL:!aNULL:!eNULL:!SSLv2} mean "the JDK's defaults", which already exclude those.
 */
final class ForwardTls {
    private static final List<String> VERSIONS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private ForwardTls() {
    }

    /** The pure checks, for the plugin's constructor: no file is read. */
    static void validate(ForwardTransportConfig t) {
        if (t.certPath() == null || t.privateKeyPath() == null) {
            throw new IllegalArgumentException("<transport tls> needs cert_path and private_key_path (Floe does not generate certificates)");
        }
        if (t.clientCertAuth() && t.caPath() == null) {
            throw new IllegalArgumentException("<transport tls> client_cert_auth needs ca_path");
        }
        protocols(t);
        List<String> named = ciphers(t.ciphers());
        if (named != null && !t.insecure()) {
            Set<String> supported = supportedSuites();
            for (String c : named) {
                if (!supported.contains(c)) {
                    throw new IllegalArgumentException("cipher suite " + c + " is not supported by this JVM");
                }
            }
        }
    }

    private static Set<String> supportedSuites() {
        try {
            return Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }

    static SslContext context(ForwardTransportConfig t) throws Exception {
        SslContextBuilder b = SslContextBuilder.forServer(new File(t.certPath()), new File(t.privateKeyPath()), t.privateKeyPassphrase())
                .sslProvider(SslProvider.JDK)
                .protocols(protocols(t));
        if (t.caPath() != null) {
            b.trustManager(new File(t.caPath()));
        }
        if (t.clientCertAuth()) {
            b.clientAuth(ClientAuth.REQUIRE);
        }
        List<String> ciphers = t.insecure() ? null : ciphers(t.ciphers());
        if (ciphers != null) {
            b.ciphers(ciphers, SupportedCipherSuiteFilter.INSTANCE);
        }
        return b.build();
    }

    /** {@code version} alone, or every version from {@code min_version} to {@code max_version}. */
    static List<String> protocols(ForwardTransportConfig t) {
        if (t.minVersion() == null && t.maxVersion() == null) {
            return List.of(javaVersion(t.version()));
        }
        int from = VERSIONS.indexOf(javaVersion(t.minVersion() != null ? t.minVersion() : "TLSv1_2"));
        int to = VERSIONS.indexOf(javaVersion(t.maxVersion() != null ? t.maxVersion() : "TLSv1_3"));
        if (from > to) {
            throw new IllegalArgumentException("<transport tls> min_version is above max_version");
        }
        return List.copyOf(VERSIONS.subList(from, to + 1));
    }

    /** {@code TLSv1_2}, {@code TLS1_2}, {@code TLSv1.2} → {@code TLSv1.2}. */
    static String javaVersion(String fluentd) {
        String v = fluentd.trim().toUpperCase(Locale.ROOT).replace("TLSV", "TLS").replace('_', '.');
        String java = switch (v) {
            case "TLS1", "TLS1.0" -> "TLSv1";
            case "TLS1.1" -> "TLSv1.1";
            case "TLS1.2" -> "TLSv1.2";
            case "TLS1.3" -> "TLSv1.3";
            default -> null;
        };
        if (java == null) {
            throw new IllegalArgumentException("unknown TLS version '" + fluentd + "' (use TLSv1_2 or TLSv1_3)");
        }
        return java;
    }

    /** The suites a cipher string names, in Java form; null when it only uses keywords. */
    static List<String> ciphers(String spec) {
        List<String> out = new ArrayList<>();
        for (String raw : spec.split("[:, ]")) {
            String part = raw.trim();
            if (part.isEmpty() || "!-+".indexOf(part.charAt(0)) >= 0) {
                continue;
            }
            if (part.startsWith("TLS_") || part.startsWith("SSL_")) {
                out.add(part);
            } else if (part.contains("-")) {
                String java = CipherSuiteConverter.toJava(part, "TLS");
                if (java == null) {
                    throw new IllegalArgumentException("unknown cipher suite '" + part + "'");
                }
                out.add(java);
            }
        }
        return out.isEmpty() ? null : out;
    }
}
