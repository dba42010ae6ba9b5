package io.floe.codec.forward;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.msgpack.value.ValueType;

/**
 * The client's answer to HELO, {@code ["PING", self_hostname, salt, digest, username, password_digest]}: the
 * shared-key digest over the client's salt and the server's nonce, and, when the server sent an auth salt, the
 * username with its password digest (both empty otherwise).
 */
public record Ping(String hostname, byte[] salt, String digest, String username, String passwordDigest) {
    /** A client salt as Fluentd's makes it: 16 random bytes in hex, sent as a str. */
    public static byte[] freshSalt(SecureRandom random) {
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        return HexFormat.of().formatHex(raw).getBytes(StandardCharsets.US_ASCII);
    }

    /** The PING that answers {@code helo} for a client named {@code hostname} knowing {@code sharedKey}. */
    public static Ping answer(Helo helo, String hostname, byte[] salt, String sharedKey, String username, String password) {
        String digest = HandshakeDigest.sharedKey(salt, hostname, helo.nonce(), sharedKey);
        if (helo.authSalt().length == 0) {
            return new Ping(hostname, salt, digest, "", "");
        }
        return new Ping(hostname, salt, digest, username, HandshakeDigest.password(helo.authSalt(), username, password));
    }

    public byte[] toMsgpack() {
        return Wire.pack(p -> {
            p.packArrayHeader(6).packString("PING").packString(hostname);
            p.packRawStringHeader(salt.length).writePayload(salt);
            p.packString(digest).packString(username).packString(passwordDigest);
        });
    }

    /** Reads a client's PING; null for anything else, malformed or not (the server answers both the same way). */
    public static Ping parse(byte[] frame) {
        try {
            return Wire.unpack(frame, u -> {
                if (u.getNextFormat().getValueType() != ValueType.ARRAY || u.unpackArrayHeader() != 6
                        || !"PING".equals(text(Wire.raw(u, frame)))) {
                    return null;
                }
                return new Ping(text(Wire.raw(u, frame)), Wire.raw(u, frame), text(Wire.raw(u, frame)),
                        text(Wire.raw(u, frame)), text(Wire.raw(u, frame)));
            });
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
