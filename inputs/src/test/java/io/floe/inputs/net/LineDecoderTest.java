package io.floe.inputs.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines cut at a delimiter, whatever the reads; an oversize line dropped alone. */
class LineDecoderTest {
    private final List<String> dropped = new ArrayList<>();
    private final FrameMemory memory = new FrameMemory(1 << 20, 1 << 20);

    private EmbeddedChannel channel(String delimiter, int limit) {
        return new EmbeddedChannel(new LineDecoder(delimiter.getBytes(StandardCharsets.UTF_8), limit, memory,
                (ctx, max, head) -> dropped.add(head.toString(StandardCharsets.UTF_8))));
    }

    private static List<String> lines(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add((String) o);
        }
        return out;
    }

    private static void write(EmbeddedChannel ch, String... reads) {
        for (String r : reads) {
            ch.writeInbound(Unpooled.copiedBuffer(r, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aMultiByteDelimiterSplitAcrossReads() {
        EmbeddedChannel ch = channel("\r\n", 100);
        write(ch, "one\r", "\ntwo\r\nthr", "ee\r", "\n");
        assertEquals(List.of("one", "two", "three"), lines(ch));
        assertEquals(0, memory.held(), "nothing held once every line is complete");
    }

    @Test
    void anOversizeLineIsSkippedToItsDelimiterEvenAcrossReads() {
        EmbeddedChannel ch = channel("\r\n", 8);
        write(ch, "ok\r\n0123456789", "0123456789\r", "\nnext\r\n", "0123456789abc\r\nlast\r\n");
        assertEquals(List.of("ok", "next", "last"), lines(ch));
        assertEquals(List.of("0123456789", "0123456789abc"), dropped, "told once per dropped line, with its head");
    }

    @Test
    void whatAnUnfinishedLineHoldsCountsAgainstTheInputsMemory() {
        EmbeddedChannel ch = channel("\n", 100);
        write(ch, "partial");
        assertEquals(7, memory.held());
        ch.close();
        assertEquals(0, memory.held(), "released with the connection");
    }
}
