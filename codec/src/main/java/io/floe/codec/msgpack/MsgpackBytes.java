package io.floe.codec.msgpack;

import io.netty.buffer.ByteBuf;

/**
 * Random access, big-endian, to the bytes a {@link MsgpackScanner} reads: a byte array, or a network buffer
 * read in place ({@link OfByteBuf}), so a frame is scanned where it arrived, uncopied.
 * The caller has checked that every index it asks for is below the end it scans to.
 */
public interface MsgpackBytes {
    int getUnsignedByte(int index);

    int getUnsignedShort(int index);

    long getUnsignedInt(int index);

    /** A byte array; one per cursor, pointed at each array the cursor is given. */
    final class OfArray implements MsgpackBytes {
        byte[] array;

        @Override
        public int getUnsignedByte(int index) {
            return array[index] & 0xff;
        }

        @Override
        public int getUnsignedShort(int index) {
            return ((array[index] & 0xff) << 8) | (array[index + 1] & 0xff);
        }

        @Override
        public long getUnsignedInt(int index) {
            return ((array[index] & 0xffL) << 24) | ((array[index + 1] & 0xffL) << 16) | ((array[index + 2] & 0xffL) << 8) | (array[index + 3] & 0xffL);
        }
    }

    /** A Netty buffer, read where the bytes arrived; pointed at the connection's buffer for each scan. */
    final class OfByteBuf implements MsgpackBytes {
        private ByteBuf buf;

        /** Reads {@code b} from now on; null lets go of the last buffer. */
        public OfByteBuf of(ByteBuf b) {
            buf = b;
            return this;
        }

        @Override
        public int getUnsignedByte(int index) {
            return buf.getUnsignedByte(index);
        }

        @Override
        public int getUnsignedShort(int index) {
            return buf.getUnsignedShort(index);
        }

        @Override
        public long getUnsignedInt(int index) {
            return buf.getUnsignedInt(index);
        }
    }
}
