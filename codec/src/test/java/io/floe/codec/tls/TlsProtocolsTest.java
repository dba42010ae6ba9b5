package io.floe.codec.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TlsProtocolsTest {
    @Test
    void mapsFluentdVersionNames() {
        assertEquals("TLSv1.2", TlsProtocols.javaVersion("TLSv1_2", "version"));
        assertEquals("TLSv1.3", TlsProtocols.javaVersion("TLS1_3", "version"));
        assertEquals("TLSv1.2", TlsProtocols.javaVersion("TLSv1.2", "version"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsProtocols.javaVersion("SSLv3", "tls_version"));
        assertEquals("unknown tls_version 'SSLv3' (use TLSv1_2 or TLSv1_3)", e.getMessage());
    }

    @Test
    void aVersionRangeRunsFromMinToMaxAndIsEmptyWhenUpsideDown() {
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), TlsProtocols.between("TLSv1_2", "TLSv1_3", "version"));
        assertEquals(List.of("TLSv1.1", "TLSv1.2"), TlsProtocols.between("TLSv1_1", "TLSv1_2", "version"));
        assertEquals(List.of(), TlsProtocols.between("TLSv1_3", "TLSv1_2", "version"));
    }

    @Test
    void translatesOpenSslCipherNamesAndKeepsJdkDefaultsForKeywordLists() {
        assertNull(TlsProtocols.cipherSuites("ALL:!aNULL:!eNULL:!SSLv2"));
        assertEquals(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"),
                TlsProtocols.cipherSuites("ECDHE-RSA-AES128-GCM-SHA256:TLS_AES_128_GCM_SHA256:!aNULL"));
    }

    @Test
    void refusesSuitesThisJvmCannotOffer() {
        TlsProtocols.requireSupported(List.of("TLS_AES_128_GCM_SHA256"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsProtocols.requireSupported(TlsProtocols.cipherSuites("NOT-A-REAL-CIPHER")));
        assertTrue(e.getMessage().contains("not supported by this JVM"), e.getMessage());
    }
}
