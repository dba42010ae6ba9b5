package io.floe.codec.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.codec.msgpack.MsgpackCursor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/** Records decodes with the cursor exactly what it decoded with msgpack-java's unpacker (JacksonReference.read). */
class RecordsTest {
    @Test
    void everyEncodingOfEveryTypeDecodesAsTheUnpackerDecodedIt() throws IOException {
        Random r = new Random(29);
        for (int i = 0; i < 20_000; i++) {
            byte[] mp;
            try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
                RandomMsgpack.value(p, r, 0);
                RandomMsgpack.value(p, r, 0);
                mp = p.toByteArray();
            }
            MsgpackCursor c = new MsgpackCursor(mp);
            try (MessageUnpacker u = MessagePack.newDefaultUnpacker(mp)) {
                for (int v = 0; v < 2; v++) {
                    assertEquals(typed(JacksonReference.read(u)), typed(Records.read(c)));
                    assertEquals(u.getTotalReadBytes(), c.position(), "both end after the value");
                }
            }
        }
    }

    @Test
    void aRecordIsAMap() throws IOException {
        byte[] rec = Records.encode(Map.of("k", List.of(1L, "v")));
        assertEquals(Map.of("k", List.of(1L, "v")), Records.decode(rec, 0, rec.length));
        IOException e = assertThrows(IOException.class, () -> Records.decode(new byte[] {(byte) 0xc0}, 0, 1));
        assertEquals("record is a nil, expected a map", e.getMessage());
    }

    /** The value with each scalar's class, byte arrays by content and maps in their order: what equals must compare. */
    private static Object typed(Object v) {
        if (v instanceof Map<?, ?> m) {
            List<Object> entries = new ArrayList<>();
            m.forEach((k, x) -> entries.add(List.of(k, typed(x))));
            return entries;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(RecordsTest::typed).toList();
        }
        if (v instanceof byte[] b) {
            return "byte[]" + Arrays.toString(b);
        }
        return v == null ? "nil" : v.getClass().getSimpleName() + ":" + v;
    }
}
