package io.floe.inputs.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardTlsTest {
    private static ForwardTransportConfig tls(String version, String min, String max, String ciphers) {
        return new ForwardTransportConfig("tls", version, min, max, ciphers, false, null, "cert.pem", "key.pem", null, false, null);
    }

    @Test
    void mapsFluentdVersionNames() {
        assertEquals("TLSv1.2", ForwardTls.javaVersion("TLSv1_2"));
        assertEquals("TLSv1.3", ForwardTls.javaVersion("TLS1_3"));
        assertEquals("TLSv1.2", ForwardTls.javaVersion("TLSv1.2"));
        assertThrows(IllegalArgumentException.class, () -> ForwardTls.javaVersion("SSLv3"));
    }

    @Test
    void usesVersionAloneOrTheMinToMaxRange() {
        assertEquals(List.of("TLSv1.2"), ForwardTls.protocols(tls("TLSv1_2", null, null, "ALL")));
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), ForwardTls.protocols(tls("TLSv1_2", "TLSv1_2", null, "ALL")));
        assertEquals(List.of("TLSv1.1", "TLSv1.2"), ForwardTls.protocols(tls("TLSv1_2", "TLSv1_1", "TLSv1_2", "ALL")));
        assertThrows(IllegalArgumentException.class, () -> ForwardTls.protocols(tls("TLSv1_2", "TLSv1_3", "TLSv1_2", "ALL")));
    }

    @Test
    void translatesOpenSslCipherNamesAndKeepsJdkDefaultsForKeywordLists() {
        assertNull(ForwardTls.ciphers("ALL:!aNULL:!eNULL:!SSLv2"));
        assertEquals(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"),
                ForwardTls.ciphers("ECDHE-RSA-AES128-GCM-SHA256:TLS_AES_128_GCM_SHA256:!aNULL"));
        assertThrows(IllegalArgumentException.class, () -> ForwardTls.validate(tls("TLSv1_2", null, null, "NOT-A-REAL-CIPHER")));
    }

    @Test
    void needsACertificateAndKeyAndACaForClientCerts() {
        assertThrows(IllegalArgumentException.class, () -> ForwardTls.validate(
                new ForwardTransportConfig("tls", "TLSv1_2", null, null, "ALL", false, null, null, null, null, false, null)));
        assertThrows(IllegalArgumentException.class, () -> ForwardTls.validate(
                new ForwardTransportConfig("tls", "TLSv1_2", null, null, "ALL", false, null, "c", "k", null, true, null)));
    }
}
