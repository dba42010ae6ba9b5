package io.floe.testkit;

import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates made in the test, written as the PEM files a {@code <transport tls>} names. */
public final class TestCertificates {
    /** The PEM files and the objects they hold. */
    public record Pem(Path certPath, Path keyPath, X509Certificate certificate, PrivateKey key) {
    }

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private TestCertificates() {
    }

    /** How the key file is written: PKCS#8 or OpenSSL's traditional PKCS#1, each plain or encrypted. */
    public enum KeyFormat { PKCS8, PKCS8_ENCRYPTED, PKCS1, PKCS1_ENCRYPTED }

    public static final String PASSPHRASE = "keypass";

    public static Pem selfSigned(Path dir, String name) throws Exception {
        return selfSigned(dir, name, KeyFormat.PKCS8);
    }

    /** A certificate for {@code 127.0.0.1}/localhost; an encrypted key uses {@link #PASSPHRASE}. */
    public static Pem selfSigned(Path dir, String name, KeyFormat format) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        X500Name subject = new X500Name("CN=" + name);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, kp.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
        Path certPath = dir.resolve(name + ".crt");
        Path keyPath = dir.resolve(name + ".key");
        try (Writer w = Files.newBufferedWriter(certPath); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(cert);
        }
        try (Writer w = Files.newBufferedWriter(keyPath); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            switch (format) {
                case PKCS8 -> pem.writeObject(new JcaPKCS8Generator(kp.getPrivate(), null));
                case PKCS8_ENCRYPTED -> pem.writeObject(new JcaPKCS8Generator(kp.getPrivate(),
                        new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(BC)
                                .setPassword(PASSPHRASE.toCharArray()).build()));
                case PKCS1 -> pem.writeObject(kp.getPrivate());
                case PKCS1_ENCRYPTED -> pem.writeObject(new JcaMiscPEMGenerator(kp.getPrivate(),
                        new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BC).build(PASSPHRASE.toCharArray())));
            }
        }
        return new Pem(certPath, keyPath, cert, kp.getPrivate());
    }

    /** A client context trusting {@code server}, presenting {@code client} when it is not null. */
    public static SSLContext clientContext(Pem server, Pem client) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("server", server.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (client != null) {
            KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
            keys.load(null, null);
            keys.setKeyEntry("client", client.key(), "pw".toCharArray(), new X509Certificate[] {client.certificate()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "pw".toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        return ctx;
    }
}
