package io.floe.codec.forward;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The two digests of the forward protocol's {@code <security>} handshake, computed as Fluentd does (lower-case
 * hex SHA-512), so Floe and Fluentd accept each other on either side: the shared-key digest of PING and PONG
 * ({@code salt + hostname + nonce + shared_key}) and the password digest of PING ({@code auth salt + username +
 * password}). Strings enter as UTF-8.
 */
public final class HandshakeDigest {
    private HandshakeDigest() {
    }

    /** PING's digest (with the client's hostname) or PONG's (with the server's): both use the client's salt. */
    public static String sharedKey(byte[] salt, String hostname, byte[] nonce, String sharedKey) {
        return sha512Hex(salt, utf8(hostname), nonce, utf8(sharedKey));
    }

    /** PING's {@code password_digest}, over the server's auth salt from HELO. */
    public static String password(byte[] authSalt, String username, String password) {
        return sha512Hex(authSalt, utf8(username), utf8(password));
    }

    /** Compares a received digest with the expected one in constant time, so timing tells nothing of the key. */
    public static boolean matches(String expected, String received) {
        return MessageDigest.isEqual(utf8(expected), utf8(received));
    }

    static String sha512Hex(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-512");
            for (byte[] part : parts) {
                d.update(part);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-512", e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
