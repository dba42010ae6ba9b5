package io.floe.codec.tls;

import io.netty.handler.ssl.CipherSuiteConverter;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Fluentd's TLS versions and cipher strings in the JDK's terms. Fluentd speaks OpenSSL, so its version names
 * ({@code TLSv1_2}) and cipher strings are translated: named suites in OpenSSL form become Java names, while
 * keyword lists such as Fluentd's default {@code ALL:!aNULL:!eNULL:!SSLv2} mean "the JDK's defaults", which
 * already exclude those.
 */
public final class TlsProtocols {
    private static final List<String> VERSIONS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private TlsProtocols() {
    }

    /**
     * {@code TLSv1_2}, {@code TLS1_2}, {@code TLSv1.2} → {@code TLSv1.2}.
     *
     * @param what how the refusal names the setting, e.g. {@code tls_version}
     */
    public static String javaVersion(String fluentd, String what) {
        String v = fluentd.trim().toUpperCase(Locale.ROOT).replace("TLSV", "TLS").replace('_', '.');
        return switch (v) {
            case "TLS1", "TLS1.0" -> "TLSv1";
            case "TLS1.1" -> "TLSv1.1";
            case "TLS1.2" -> "TLSv1.2";
            case "TLS1.3" -> "TLSv1.3";
            default -> throw new IllegalArgumentException("unknown " + what + " '" + fluentd + "' (use TLSv1_2 or TLSv1_3)");
        };
    }

    /** Every version from {@code min} to {@code max} (Fluentd's names), in Java's names; empty when min is above max. */
    public static List<String> between(String min, String max, String what) {
        int from = VERSIONS.indexOf(javaVersion(min, what));
        int to = VERSIONS.indexOf(javaVersion(max, what));
        return from > to ? List.of() : List.copyOf(VERSIONS.subList(from, to + 1));
    }

    /** The suites a cipher string names, in Java form; null when it only uses keywords (the JDK's defaults). */
    public static List<String> cipherSuites(String spec) {
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

    /** Refuses, at configuration time, a suite this JVM cannot offer. */
    public static void requireSupported(List<String> suites) {
        Set<String> supported;
        try {
            supported = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
        for (String c : suites) {
            if (!supported.contains(c)) {
                throw new IllegalArgumentException("cipher suite " + c + " is not supported by this JVM");
            }
        }
    }
}
