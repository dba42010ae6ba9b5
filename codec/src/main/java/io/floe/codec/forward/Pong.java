package io.floe.codec.forward;

import io.floe.codec.msgpack.MsgpackType;
import io.floe.codec.msgpack.Packed;
import java.io.IOException;

/**
 * The server's verdict, {@code ["PONG", ok, reason, server_hostname, digest]}: on success the server proves it
 * knows the shared key too, with the digest over the client's salt and its own hostname; on failure the reason
 * is what the client shows its user.
 */
public record Pong(boolean ok, String reason, String hostname, String digest) {
    public static Pong refusal(String reason) {
        return new Pong(false, reason, "", "");
    }

    public byte[] toMsgpack() {
        return Packed.of(p -> p.packArrayHeader(5).packString("PONG").packBoolean(ok).packString(reason)
                .packString(hostname).packString(digest));
    }

    /**
     * Reads a server's PONG: null when the frame is another message; an IOException, with the reason, when
     * it is malformed.
     */
    public static Pong parse(byte[] frame) throws IOException {
        return Wire.unpack(frame, c -> {
            if (c.type() != MsgpackType.ARRAY || c.readArrayHeader("message") != 5
                    || !"PONG".equals(c.readString("message name"))) {
                return null;
            }
            return new Pong(c.readBoolean("PONG auth result"), c.readString("PONG reason"), c.readString("PONG server hostname"),
                    c.readString("PONG digest"));
        });
    }
}
