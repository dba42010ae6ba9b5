package io.floe.codec.msgpack;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * Small msgpack values (a handshake message, an encoded record, a key) packed whole into a byte array with
 * msgpack-java's packer, which stays Floe's writer as {@link MsgpackCursor} is its reader.
 */
public final class Packed {
    /** Packs one value, or the parts of one message. */
    @FunctionalInterface
    public interface Writer {
        void write(MessagePacker p) throws IOException;
    }

    private Packed() {
    }

    /** The bytes {@code w} packs; a packer writing to memory fails only on a bug, so that IOException is unchecked. */
    public static byte[] of(Writer w) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            w.write(p);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
