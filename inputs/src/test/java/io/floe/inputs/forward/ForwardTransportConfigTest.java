package io.floe.inputs.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code <transport tls>}: which versions and suites it offers, and what it refuses before reading any file. */
class ForwardTransportConfigTest {
    private static ForwardTransportConfig tls(String version, String min, String max, String ciphers) {
        return new ForwardTransportConfig("tls", version, min, max, ciphers, false, null, "cert.pem", "key.pem", null, false, null);
    }

    @Test
    void usesVersionAloneOrTheMinToMaxRange() {
        assertEquals(List.of("TLSv1.2"), tls("TLSv1_2", null, null, "ALL").protocols());
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), tls("TLSv1_2", "TLSv1_2", null, "ALL").protocols());
        assertEquals(List.of("TLSv1.1", "TLSv1.2"), tls("TLSv1_2", "TLSv1_1", "TLSv1_2", "ALL").protocols());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tls("TLSv1_2", "TLSv1_3", "TLSv1_2", "ALL").protocols());
        assertEquals("<transport tls> min_version is above max_version", e.getMessage());
    }

    @Test
    void refusesAnUnknownVersionOrCipher() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tls("SSLv3", null, null, "ALL").validateTls());
        assertEquals("unknown TLS version 'SSLv3' (use TLSv1_2 or TLSv1_3)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tls("TLSv1_2", null, null, "NOT-A-REAL-CIPHER").validateTls());
    }

    @Test
    void needsACertificateAndKeyAndACaForClientCerts() {
        assertThrows(IllegalArgumentException.class, () ->
                new ForwardTransportConfig("tls", "TLSv1_2", null, null, "ALL", false, null, null, null, null, false, null).validateTls());
        assertThrows(IllegalArgumentException.class, () ->
                new ForwardTransportConfig("tls", "TLSv1_2", null, null, "ALL", false, null, "c", "k", null, true, null).validateTls());
    }
}
