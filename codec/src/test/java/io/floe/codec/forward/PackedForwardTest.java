package io.floe.codec.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

class PackedForwardTest {

    private static byte[] entries(int n) throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            for (int i = 0; i < n; i++) {
                p.packArrayHeader(2).packLong(1_700_000_000L + i).packMapHeader(1).packString("seq").packInt(i);
            }
            return p.toByteArray();
        }
    }

    /** What a receiver sees: tag, the entries' bytes, the options. */
    private record Decoded(String tag, MessageFormat entriesFormat, byte[] entries, Map<String, String> options) {
    }

    private static Decoded decode(PackedForward m) throws IOException {
        ByteBuf buf = m.toByteBuf();
        byte[] wire = ByteBufUtil.getBytes(buf);
        buf.release();
        assertEquals(m.size(), wire.length);
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(wire)) {
            assertEquals(3, u.unpackArrayHeader());
            String tag = u.unpackString();
            MessageFormat f = u.getNextFormat();
            byte[] entries = u.readPayload(u.unpackRawStringHeader());
            Map<String, String> options = new HashMap<>();
            int n = u.unpackMapHeader();
            for (int i = 0; i < n; i++) {
                options.put(u.unpackString(), u.unpackValue().toString());
            }
            return new Decoded(tag, f, entries, options);
        }
    }

    @Test
    void carriesTheBufferedEntriesUnchangedWithSizeAndChunkOptions() throws IOException {
        byte[] e = entries(3);
        byte[] framed = new byte[e.length + 10];
        System.arraycopy(e, 0, framed, 5, e.length);
        Decoded d = decode(PackedForward.of("app.web", framed, 5, e.length, 3, "c2VjcmV0", false));
        assertEquals("app.web", d.tag());
        assertEquals(MessageFormat.STR32, d.entriesFormat(), "entries go as str 32, as Fluentd sends them");
        assertArrayEquals(e, d.entries());
        assertEquals(Map.of("size", "3", "chunk", "c2VjcmV0"), d.options());
    }

    @Test
    void withoutAckThereIsNoChunkOption() throws IOException {
        byte[] e = entries(1);
        assertEquals(Map.of("size", "1"), decode(PackedForward.of("t", e, 0, e.length, 1, null, false)).options());
    }

    @Test
    void gzipSendsCompressedPackedForward() throws IOException {
        byte[] e = entries(100);
        Decoded d = decode(PackedForward.of("t", e, 0, e.length, 100, "id", true));
        assertEquals(Map.of("size", "100", "chunk", "id", "compressed", "gzip"), d.options());
        try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(d.entries()))) {
            assertArrayEquals(e, z.readAllBytes());
        }
    }

    @Test
    void aMessageCanBeSentAgainFromTheSameBytes() throws IOException {
        byte[] e = entries(2);
        PackedForward m = PackedForward.of("t", e, 0, e.length, 2, "id", false);
        assertArrayEquals(decode(m).entries(), decode(m).entries());
        assertEquals(Arrays.toString(e), Arrays.toString(decode(m).entries()));
    }
}
