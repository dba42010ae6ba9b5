package io.floe.codec.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM certificates and keys as openssl writes them. */
class PemFilesTest {
    @TempDir
    Path dir;

    /** The test certificate and key in src/test/resources/tls (see the README there). */
    static Path resource(String name) throws Exception {
        return Path.of(PemFilesTest.class.getResource("/tls/" + name).toURI());
    }

    @Test
    void pemKeysAreReadAsPkcs8AndPkcs1() throws Exception {
        assertEquals(1, PemFiles.certificates(resource("localhost.crt")).size());
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        PrivateKey key = g.generateKeyPair().getPrivate();
        byte[] pkcs8 = key.getEncoded();
        // A 2048-bit key's PKCS#8: SEQUENCE(4) version(3) algorithm(15) OCTET STRING header(4), then the PKCS#1 key.
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        Path p8 = dir.resolve("key8.pem");
        Path p1 = dir.resolve("key1.pem");
        Files.writeString(p8, pem("PRIVATE KEY", pkcs8));
        Files.writeString(p1, pem("CERTIFICATE", new byte[] {1}) + pem("RSA PRIVATE KEY", pkcs1));
        assertEquals(key, PemFiles.privateKey(p8));
        assertEquals(key, PemFiles.privateKey(p1));
        Path ec = dir.resolve("ec.pem");
        Files.writeString(ec, pem("EC PRIVATE KEY", new byte[] {1, 2}));
        assertTrue(assertThrows(GeneralSecurityException.class, () -> PemFiles.privateKey(ec)).getMessage()
                .contains("openssl pkcs8 -topk8 -nocrypt"));
    }

    @Test
    void aFileWithoutCertificatesIsRefusedByName() throws Exception {
        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "");
        assertTrue(assertThrows(GeneralSecurityException.class, () -> PemFiles.certificates(empty)).getMessage()
                .contains(empty.toString()));
    }

    @Test
    void theKeyOpensslWroteIsRead() throws Exception {
        assertEquals("RSA", PemFiles.privateKey(resource("localhost.key")).getAlgorithm());
    }

    @Test
    void aClientCertificateNeedsItsKey() {
        assertThrows(IllegalArgumentException.class, () -> TlsClient.of(true, null, resource("localhost.crt"), null));
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
