package io.floe.codec.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** A lazily decoded record behaves as the LinkedHashMap the filters used to get, and writes the same bytes. */
class MsgpackRecordTest {

    private static byte[] sample() throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(5);
            p.packString("log").packString("{\"level\":\"info\"}\n");
            p.packString("stream").packString("stdout");
            p.packString("n").packLong(-5);
            p.packString("nested").packMapHeader(1).packString("a").packArrayHeader(2).packInt(1).packBoolean(true);
            p.packString("big").packBigInteger(new java.math.BigInteger("18446744073709551615"));
            return p.toByteArray();
        }
    }

    /** The record stored in the middle of a larger buffer, to prove offsets are absolute. */
    private static MsgpackRecord read(byte[] record) throws IOException {
        byte[] buf = new byte[record.length + 7];
        System.arraycopy(record, 0, buf, 7, record.length);
        EventStream s = new EventStreamWriter().add(1, 2, buf, 7, record.length).build();
        List<MsgpackRecord> out = new ArrayList<>();
        s.forEachRecord((sec, ns, r, b, off, len) -> out.add(r));
        return out.get(0);
    }

    private static byte[] written(Map<String, Object> r) {
        return Records.encode(r);
    }

    @Test
    void readsAsTheDecodedMap() throws IOException {
        byte[] mp = sample();
        Map<String, Object> expected = Records.decode(mp, 0, mp.length);
        MsgpackRecord r = read(mp);
        assertEquals(expected, r);
        assertEquals(expected.toString(), r.toString());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(r.keySet()));
    }

    @Test
    void untouchedRecordIsWrittenByteForByte() throws IOException {
        byte[] mp = sample();
        assertArrayEquals(mp, written(read(mp)));
    }

    @Test
    void changesFollowLinkedHashMapOrder() throws IOException {
        byte[] mp = sample();
        Map<String, Object> expected = Records.decode(mp, 0, mp.length);
        MsgpackRecord r = read(mp);
        for (Map<String, Object> m : List.of(expected, r)) {
            assertEquals("stdout", m.put("stream", "stderr"));
            assertEquals("{\"level\":\"info\"}\n", m.remove("log"));
            assertNull(m.put("cluster", "eu-1"));
            assertNull(m.put("log", "again"));
            m.putAll(Map.of("x", 1L));
            Iterator<Map.Entry<String, Object>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                if (it.next().getKey().equals("n")) {
                    it.remove();
                }
            }
        }
        assertEquals(expected, r);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(r.keySet()));
        assertArrayEquals(written(expected), written(r));
        assertArrayEquals(written(new LinkedHashMap<>(expected)), written(r));
    }

    @Test
    void growsPastItsFirstCapacity() throws IOException {
        MsgpackRecord r = read(sample());
        Map<String, Object> expected = new LinkedHashMap<>(r);
        for (int i = 0; i < 50; i++) {
            r.put("k" + i, (long) i);
            expected.put("k" + i, (long) i);
        }
        assertEquals(expected, r);
        assertArrayEquals(written(expected), written(r));
    }

    /** The writer packs into its own array what Records.encode gives: ASCII, UTF-8, long and nested strings. */
    @Test
    void stringsAreEncodedAsMsgpackJavaEncodesThem() throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ascii", "GET /api/orders/42 200");
        r.put("utf8", "h\u00e9llo \u2713 \ud83d\ude00");
        r.put("long", "x".repeat(5000));
        r.put("empty", "");
        r.put("list", List.of("a", "\u00e9"));
        EventStream s = new EventStreamWriter().add(new EventTime(1, 2), r).build();
        List<byte[]> records = new ArrayList<>();
        s.forEach((sec, ns, b, off, len) -> records.add(Arrays.copyOfRange(b, off, off + len)));
        assertArrayEquals(Records.encode(r), records.get(0));
    }

    @Test
    void aRecordThatIsNotAMapIsRefused() throws IOException {
        byte[] notAMap;
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packString("text");
            notAMap = p.toByteArray();
        }
        EventStream s = new EventStreamWriter().add(1, 2, notAMap).build();
        IOException e = assertThrows(IOException.class, () -> s.forEachRecord((sec, ns, r, b, off, len) -> { }));
        assertEquals("record is a msgpack string, expected a map", e.getMessage());
    }
}
