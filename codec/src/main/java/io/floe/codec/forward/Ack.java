package io.floe.codec.forward;

import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.msgpack.MsgpackType;
import io.floe.codec.msgpack.Packed;
import java.io.IOException;

/**
 * At-least-once delivery: a message whose options carry {@code "chunk": id} is answered {@code {"ack": id}} once
 * the receiver holds its events; the sender resends what stays unanswered.
 */
public final class Ack {
    /** The option that asks for an ack; its value is echoed back. */
    public static final String CHUNK_OPTION = "chunk";

    private Ack() {
    }

    /** The server's answer {@code {"ack": chunk}}. */
    public static byte[] of(String chunk) {
        return Packed.of(p -> p.packMapHeader(1).packString("ack").packString(chunk));
    }

    /** The id of {@code {"ack": id}}, or null for anything else (which a server should not send). */
    public static String idOf(byte[] frame) {
        try {
            return Wire.unpack(frame, Ack::readId);
        } catch (IOException e) {
            return null;
        }
    }

    private static String readId(MsgpackCursor c) {
        if (c.type() != MsgpackType.MAP) {
            return null;
        }
        int n = c.readMapHeader("ack");
        for (int i = 0; i < n; i++) {
            boolean ack = c.type() == MsgpackType.STRING ? "ack".equals(c.readString("ack key")) : skip(c);
            if (ack && c.type() == MsgpackType.STRING) {
                return c.readString("ack id");
            }
            c.skip();
        }
        return null;
    }

    private static boolean skip(MsgpackCursor c) {
        c.skip();
        return false;
    }
}
