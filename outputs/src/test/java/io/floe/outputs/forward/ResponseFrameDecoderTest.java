package io.floe.outputs.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.codec.forward.Ack;
import io.floe.testkit.Mp;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

/** Server messages cut out of the bytes as they arrive: whole, several at once, or a byte at a time. */
class ResponseFrameDecoderTest {
    private final EmbeddedChannel ch = new EmbeddedChannel(new ResponseFrameDecoder());

    @Test
    void messagesArrivingTogetherOrByteByByteComeOutWhole() {
        byte[] a = Ack.of("c1");
        byte[] b = Ack.of("c2");
        ch.writeInbound(Unpooled.wrappedBuffer(Mp.concat(a, b)));
        assertArrayEquals(a, ch.readInbound());
        assertArrayEquals(b, ch.readInbound());
        for (byte x : a) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {x}));
        }
        assertArrayEquals(a, ch.readInbound());
        assertNull(ch.readInbound());
    }

    @Test
    void aMessageOfTheLimitPassesAndOneClaimingMoreIsRefusedBeforeItsBytesArrive() {
        int payload = ResponseFrameDecoder.MAX_FRAME - 5;   // a bin 32 header of 5 bytes, then the payload
        byte[] atLimit = new byte[ResponseFrameDecoder.MAX_FRAME];
        atLimit[0] = (byte) 0xc6;
        atLimit[3] = (byte) (payload >>> 8);
        atLimit[4] = (byte) payload;
        ch.writeInbound(Unpooled.wrappedBuffer(atLimit));
        assertArrayEquals(atLimit, ch.readInbound());

        byte[] overLimit = {(byte) 0xc6, 0, 1, 0, 0, 0};   // claims 64 KiB of payload after its header
        DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(Unpooled.wrappedBuffer(overLimit)));
        assertInstanceOf(CorruptedFrameException.class, e);
    }
}
