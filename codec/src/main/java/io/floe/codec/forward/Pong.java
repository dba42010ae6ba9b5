package io.floe.codec.forward;

import java.io.IOException;
import org.msgpack.value.ValueType;

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
        return Wire.pack(p -> p.packArrayHeader(5).packString("PONG").packBoolean(ok).packString(reason)
                .packString(hostname).packString(digest));
    }

    /**
     * Reads a server's PONG: null when the frame is another message; an IOException, with msgpack's reason, when
     * it is malformed.
     */
    public static Pong parse(byte[] frame) throws IOException {
        return Wire.unpack(frame, u -> {
            if (u.getNextFormat().getValueType() != ValueType.ARRAY || u.unpackArrayHeader() != 5
                    || !"PONG".equals(u.unpackString())) {
                return null;
            }
            return new Pong(u.unpackBoolean(), u.unpackString(), u.unpackString(), u.unpackString());
        });
    }
}
