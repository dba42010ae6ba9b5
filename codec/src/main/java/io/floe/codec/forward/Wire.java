package io.floe.codec.forward;

import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.msgpack.MsgpackType;
import java.io.IOException;

/** What the forward protocol's small messages (handshake, ack) share on the wire: reading. */
final class Wire {
    /** Reads one message at the cursor; msgpack's errors mean "malformed". */
    interface Reader<T> {
        T read(MsgpackCursor c);
    }

    private Wire() {
    }

    /**
     * Runs {@code r} over {@code frame}; a truncated or ill-typed frame becomes an IOException with the cursor's
     * message. A field is skipped at any depth: it is inside the frame's bytes, and no reader here recurses.
     */
    static <T> T unpack(byte[] frame, Reader<T> r) throws IOException {
        try {
            return r.read(new MsgpackCursor(MsgpackCursor.ANY_DEPTH).reset(frame, 0, frame.length));
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Whether the frame is an array of {@code size} elements whose first is the string {@code name}; reads past it. */
    static boolean startsWith(MsgpackCursor c, String name, int size) {
        return c.type() == MsgpackType.ARRAY && c.readArrayHeader("message") == size
                && c.type() == MsgpackType.STRING && name.equals(c.readString("message name"));
    }
}
