package io.floe.codec.forward;

import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.msgpack.MsgpackType;
import io.floe.codec.msgpack.Packed;
import java.io.IOException;
import java.security.SecureRandom;

/**
 * The server's first message, {@code ["HELO", {"nonce": nonce, "auth": auth_salt, "keepalive": bool}]}: the nonce
 * both digests mix in, and the salt of the password digest (empty when the server does not ask for users).
 */
public record Helo(byte[] nonce, byte[] authSalt, boolean keepalive) {
    /** Fluentd's server draws 16 random bytes for each. */
    private static final int RANDOM_BYTES = 16;

    /** A HELO with a fresh nonce and auth salt, for one connection. */
    public static Helo fresh(SecureRandom random, boolean keepalive) {
        byte[] nonce = new byte[RANDOM_BYTES];
        byte[] authSalt = new byte[RANDOM_BYTES];
        random.nextBytes(nonce);
        random.nextBytes(authSalt);
        return new Helo(nonce, authSalt, keepalive);
    }

    public byte[] toMsgpack() {
        return Packed.of(p -> {
            p.packArrayHeader(2).packString("HELO").packMapHeader(3);
            p.packString("nonce").packBinaryHeader(nonce.length).writePayload(nonce);
            p.packString("auth").packBinaryHeader(authSalt.length).writePayload(authSalt);
            p.packString("keepalive").packBoolean(keepalive);
        });
    }

    /** Whether a server's message is a HELO: what a client without {@code <security>} must not answer with events. */
    public static boolean is(byte[] frame) {
        try {
            return Wire.unpack(frame, c -> Wire.startsWith(c, "HELO", 2));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads a server's HELO: null when the frame is no HELO at all; an IOException, with the reason, when it
     * is one but malformed. A missing {@code auth} reads as empty (no user auth), a missing {@code keepalive} as true;
     * a missing nonce is left null for the caller to refuse.
     */
    public static Helo parse(byte[] frame) throws IOException {
        return Wire.unpack(frame, c -> {
            if (!Wire.startsWith(c, "HELO", 2)) {
                return null;
            }
            byte[] nonce = null;
            byte[] auth = new byte[0];
            boolean keepalive = true;
            int n = c.readMapHeader("HELO options");
            for (int i = 0; i < n; i++) {
                // nonce and salt come as str or bin; the cursor checks a declared length against the frame first
                switch (c.readString("HELO option")) {
                    case "nonce" -> nonce = c.readBytes("nonce");
                    case "auth" -> auth = c.readBytes("auth");
                    case "keepalive" -> keepalive = readKeepalive(c, keepalive);
                    default -> c.skip();
                }
            }
            return new Helo(nonce, auth, keepalive);
        });
    }

    private static boolean readKeepalive(MsgpackCursor c, boolean dflt) {
        if (c.type() == MsgpackType.BOOLEAN) {
            return c.readBoolean("keepalive");
        }
        c.skip();
        return dflt;
    }
}
