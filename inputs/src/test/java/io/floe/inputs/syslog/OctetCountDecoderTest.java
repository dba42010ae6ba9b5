package io.floe.inputs.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.inputs.net.FrameMemory;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6587 octet counting across reads, oversize frames skipped, garbage refused. */
class OctetCountDecoderTest {
    private final List<String> dropped = new ArrayList<>();

    private EmbeddedChannel channel(int limit) {
        return new EmbeddedChannel(new OctetCountDecoder(limit, new FrameMemory(1 << 20, 1 << 20),
                (ctx, max, head) -> dropped.add(head.toString(StandardCharsets.UTF_8))));
    }

    private static List<String> messages(EmbeddedChannel ch, String... reads) {
        for (String r : reads) {
            ch.writeInbound(Unpooled.copiedBuffer(r, StandardCharsets.UTF_8));
        }
        List<String> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add((String) o);
        }
        return out;
    }

    @Test
    void framesSplitAnywhereAndNewlinesBetweenThem() {
        assertEquals(List.of("hello", "a b\nc", "x"), messages(channel(100), "5 hel", "lo\n", "5", " a b\nc1 x"));
    }

    @Test
    void anOversizeFrameIsSkippedAcrossReads() {
        assertEquals(List.of("ok", "next"), messages(channel(4), "2 ok10 01234", "56789", "4 next"));
        assertEquals(List.of("01234"), dropped);
    }

    @Test
    void aLengthThatIsNotANumberEndsTheConnection() {
        EmbeddedChannel ch = channel(100);
        assertThrows(DecoderException.class, () -> ch.writeInbound(Unpooled.copiedBuffer("<13>Dec 8 not counted", StandardCharsets.UTF_8)));
    }
}
