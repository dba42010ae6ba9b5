package io.floe.codec.forward;

import java.io.IOException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

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
        return Wire.pack(p -> p.packMapHeader(1).packString("ack").packString(chunk));
    }

    /** The id of {@code {"ack": id}}, or null for anything else (which a server should not send). */
    public static String idOf(byte[] frame) {
        try {
            return Wire.unpack(frame, Ack::readId);
        } catch (IOException e) {
            return null;
        }
    }

    private static String readId(MessageUnpacker u) throws IOException {
        if (u.getNextFormat().getValueType() != ValueType.MAP) {
            return null;
        }
        int n = u.unpackMapHeader();
        for (int i = 0; i < n; i++) {
            // unpackString grows with the bytes really read; unpackValue would allocate a declared length whole.
            boolean ack = u.getNextFormat().getValueType() == ValueType.STRING ? "ack".equals(u.unpackString()) : skip(u);
            if (ack && u.getNextFormat().getValueType() == ValueType.STRING) {
                return u.unpackString();
            }
            u.skipValue();
        }
        return null;
    }

    private static boolean skip(MessageUnpacker u) throws IOException {
        u.skipValue();
        return false;
    }
}
