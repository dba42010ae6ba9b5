package io.floe.inputs.forward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * How a frame decoder gathers a frame that spans reads: copied into one buffer while small (the common
 * case, fastest to scan), kept as a list of the reads once past {@link #MERGE_LIMIT}. Copying a large
 * frame into a buffer that doubles would hold the old and the new buffer at once at every step, up to
 * twice the frame again in transient memory; the list grows by what was read, nothing more.
 */
final class FrameCumulator implements ByteToMessageDecoder.Cumulator {
    static final FrameCumulator INSTANCE = new FrameCumulator();
    static final int MERGE_LIMIT = 1 << 20;

    private FrameCumulator() {
    }

    @Override
    public ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
        if (!(cumulation instanceof CompositeByteBuf) && cumulation.readableBytes() + in.readableBytes() <= MERGE_LIMIT) {
            return ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
        }
        return ByteToMessageDecoder.COMPOSITE_CUMULATOR.cumulate(alloc, cumulation, in);
    }
}
