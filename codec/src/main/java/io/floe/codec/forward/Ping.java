package io.floe.codec.forward;

import io.floe.codec.msgpack.MsgpackType;
import io.floe.codec.msgpack.Packed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

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
        return Packed.of(p -> {
            p.packArrayHeader(6).packString("PING").packString(hostname);
            p.packRawStringHeader(salt.length).writePayload(salt);
            p.packString(digest).packString(username).packString(passwordDigest);
        });
    }

    /** Reads a client's PING; null for anything else, malformed or not (the server answers both the same way). */
    public static Ping parse(byte[] frame) {
        try {
            // every field may come as str or bin; the cursor checks a declared length against the frame first
            return Wire.unpack(frame, c -> {
                if (c.type() != MsgpackType.ARRAY || c.readArrayHeader("message") != 6
                        || !"PING".equals(c.readString("message name"))) {
                    return null;
                }
                return new Ping(c.readString("PING hostname"), c.readBytes("PING salt"), c.readString("PING digest"),
                        c.readString("PING username"), c.readString("PING password digest"));
            });
        } catch (IOException e) {
            return null;
        }
    }
}
