package io.floe.outputs.elasticsearch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS side of {@code https} hosts, from the plugin's PEM files: {@code ca_file} (the CAs to trust instead of
 * the JDK's), {@code client_cert}/{@code client_key} (mutual TLS; PKCS#8 or PKCS#1 RSA keys, unencrypted) and
 * {@code ssl_verify false} (trust anything and skip the host name check: for tests and self-signed clusters).
 */
record TlsSettings(boolean verify, Path caFile, Path clientCert, Path clientKey) {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]+)-----END \\1-----");
    // DER of AlgorithmIdentifier { rsaEncryption, NULL }, to wrap a PKCS#1 key as PKCS#8.
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
        0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    TlsSettings {
        if ((clientCert == null) != (clientKey == null)) {
            throw new IllegalArgumentException("client_cert and client_key go together");
        }
    }

    /** Null when nothing differs from the JDK's defaults, so the client keeps its own. */
    SSLContext context() throws IOException, GeneralSecurityException {
        if (verify && caFile == null && clientCert == null) {
            return null;
        }
        TrustManager[] trust = !verify ? new TrustManager[] {new TrustAll()} : caFile == null ? null : trustFrom(caFile);
        KeyManagerFactory keys = null;
        if (clientCert != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            List<Certificate> chain = certificates(clientCert);
            ks.setKeyEntry("client", privateKey(clientKey), new char[0], chain.toArray(new Certificate[0]));
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(ks, new char[0]);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keys == null ? null : keys.getKeyManagers(), trust, new SecureRandom());
        return ctx;
    }

    private static TrustManager[] trustFrom(Path file) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int n = 0;
        for (Certificate c : certificates(file)) {
            ks.setCertificateEntry("ca-" + n++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf.getTrustManagers();
    }

    static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<Certificate> out = new ArrayList<>(cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file))));
        if (out.isEmpty()) {
            throw new GeneralSecurityException(file + " holds no certificate");
        }
        return out;
    }

    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        Matcher m = PEM.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (m.group(1)) {
                case "PRIVATE KEY":
                    return pkcs8(der, file);
                case "RSA PRIVATE KEY":
                    return pkcs8(wrapPkcs1(der), file);
                case "ENCRYPTED PRIVATE KEY":
                case "EC PRIVATE KEY":
                    throw new GeneralSecurityException(file + ": " + m.group(1) + " is not supported; convert it with "
                            + "'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
                default:
                    // certificates or parameters before the key
            }
        }
        throw new GeneralSecurityException(file + " holds no private key");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws GeneralSecurityException {
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "DSA"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException wrongAlgorithm) {
                // try the next one
            }
        }
        throw new GeneralSecurityException(file + ": unreadable private key");
    }

    /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING { the PKCS#1 key } }. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        derLength(body, pkcs1.length);
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        derLength(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void derLength(ByteArrayOutputStream out, int len) {
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write(len >> 8);
            out.write(len);
        }
    }

    /** ssl_verify false: the user asked not to check the server's certificate. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
