package io.floe.codec.forward;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/** What the forward protocol's small messages (handshake, ack) share on the wire: packing, reading, str-or-bin fields. */
final class Wire {
    /** Writes one message into a packer. */
    interface Writer {
        void write(MessageBufferPacker p) throws IOException;
    }

    /** Reads one message from an unpacker; IOExceptions and msgpack's runtime type errors mean "malformed". */
    interface Reader<T> {
        T read(MessageUnpacker u) throws IOException;
    }

    private Wire() {
    }

    static byte[] pack(Writer w) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            w.write(p);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code r} over {@code frame}; a truncated or ill-typed frame becomes an IOException with msgpack's message. */
    static <T> T unpack(byte[] frame, Reader<T> r) throws IOException {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(frame)) {
            return r.read(u);
        } catch (IOException | RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * A str or a bin as its bytes: clients and servers send nonces, salts and names either way. The length a
     * peer declares is checked against the bytes left in its frame first, since msgpack-core allocates it whole.
     */
    static byte[] raw(MessageUnpacker u, byte[] frame) throws IOException {
        int n = u.getNextFormat().getValueType() == ValueType.BINARY ? u.unpackBinaryHeader() : u.unpackRawStringHeader();
        if (n < 0 || n > frame.length - u.getTotalReadBytes()) {
            throw new IOException("a field claims " + Integer.toUnsignedString(n) + " bytes, more than the message holds");
        }
        return u.readPayload(n);
    }

    /** Whether the frame is an array of {@code size} elements whose first is the string {@code name}; reads past it. */
    static boolean startsWith(MessageUnpacker u, String name, int size) throws IOException {
        return u.getNextFormat().getValueType() == ValueType.ARRAY && u.unpackArrayHeader() == size
                && u.getNextFormat().getValueType() == ValueType.STRING && name.equals(u.unpackString());
    }
}
