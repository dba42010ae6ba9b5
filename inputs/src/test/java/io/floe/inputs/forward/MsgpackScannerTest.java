package io.floe.inputs.forward;

import static io.floe.testkit.Mp.list;
import static io.floe.testkit.Mp.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.testkit.Mp;
import io.floe.codec.msgpack.MsgpackBytes;
import io.floe.codec.msgpack.MsgpackException;
import io.floe.codec.msgpack.MsgpackScanner;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The codec's {@link MsgpackScanner} as the forward input finds frames with it, over Netty buffers. */
class MsgpackScannerTest {
    /** One value of every msgpack format. */
    static List<byte[]> everyFormat() {
        List<Object> values = List.of(
                0, 127, -1, -32, new Mp.Int(200, 0xcc), new Mp.Int(60000, 0xcd), new Mp.Int(1L << 31, 0xce),
                new Mp.Int(1L << 40, 0xcf), new Mp.Int(-100, 0xd0), new Mp.Int(-30000, 0xd1), new Mp.Int(1795236011, 0xd2),
                new Mp.Int(-(1L << 40), 0xd3), 1.5, new Mp.Float32(2.5f), true, false, Arrays.asList((Object) null),
                "", "short", "x".repeat(31), "x".repeat(32), "x".repeat(300), "x".repeat(70000),
                Mp.Str.of("str8", 8), Mp.Str.of("str16", 16), Mp.Str.of("str32", 32),
                new byte[0], new byte[10], new byte[300], new byte[70000],
                new Mp.Ext(1, new byte[1]), new Mp.Ext(1, new byte[2]), new Mp.Ext(1, new byte[4]), new Mp.Time(1, 2),
                new Mp.Ext(1, new byte[16]), new Mp.Ext(5, new byte[3]), new Mp.Ext(5, new byte[300]), new Mp.Ext(5, new byte[70000]),
                new Mp.Time(1, 2, true), list(), list(1, 2, 3), Arrays.asList(new Object[20]), Arrays.asList(new Object[70000]),
                map(), map("a", 1), map("k", map("n", list(map(), list()))), bigMap(20), bigMap(70000));
        List<byte[]> out = new ArrayList<>();
        values.forEach(v -> out.add(Mp.pack(v)));
        out.add(new byte[] {(byte) 0xdd, 0, 0, 0, 1, (byte) 0xc0}); // array32 of one
        out.add(new byte[] {(byte) 0xdf, 0, 0, 0, 1, 1, 2}); // map32 of one, non-minimal as Fluent Bit sends
        return out;
    }

    private static Object bigMap(int n) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put("k" + i, i);
        }
        return m;
    }

    @Test
    void findsTheEndOfEveryFormatAndNeedsMoreForEveryPrefix() {
        for (byte[] v : everyFormat()) {
            byte[] withTail = Mp.concat(v, new byte[] {(byte) 0xc0, 0x01});
            assertEquals(v.length, scanAll(withTail), "value " + hexStart(v));
            for (int cut = 0; cut < v.length; cut += Math.max(1, v.length / 64)) {
                MsgpackScanner s = new MsgpackScanner(1 << 24, 100);
                assertEquals(MsgpackScanner.NEED_MORE, s.scan(received(v), 0, cut), "prefix " + cut + " of " + hexStart(v));
            }
        }
    }

    @Test
    void resumesWhereItStoppedWhenBytesArriveOneByOne() {
        for (byte[] v : everyFormat()) {
            if (v.length > 2000) {
                continue;
            }
            MsgpackScanner s = new MsgpackScanner(1 << 24, 100);
            MsgpackBytes buf = received(v);
            int result = MsgpackScanner.NEED_MORE;
            for (int end = 1; end <= v.length && result == MsgpackScanner.NEED_MORE; end++) {
                result = s.scan(buf, 0, end);
                if (end < v.length) {
                    assertEquals(MsgpackScanner.NEED_MORE, result, hexStart(v));
                }
            }
            assertEquals(v.length, result, hexStart(v));
        }
    }

    @Test
    void refusesTheNeverUsedByte() {
        MsgpackException e = assertThrows(MsgpackException.class, () -> scanAll(new byte[] {(byte) 0x91, (byte) 0xc1}));
        assertTrue(e.getMessage().contains("0xc1"), e.getMessage());
    }

    @Test
    void limitsNesting() {
        assertEquals(101, scanAll(nested(100)));
        MsgpackException e = assertThrows(MsgpackException.class, () -> scanAll(nested(101)));
        assertTrue(e.getMessage().contains("deeper"), e.getMessage());
    }

    @Test
    void failsAtTheHeaderWhenAValuePromisesMoreThanTheLimit() {
        MsgpackScanner s = new MsgpackScanner(1000, 100);
        // Only the 5 header bytes are here: the promise alone is enough to refuse.
        byte[] array32 = {(byte) 0xdd, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThrows(MsgpackException.class, () -> s.scan(received(array32), 0, 5));
        byte[] str32 = {(byte) 0xdb, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThrows(MsgpackException.class, () -> new MsgpackScanner(1000, 100).scan(received(str32), 0, 5));
        byte[] ext32 = {(byte) 0xc9, 0, 0x10, 0, 0, 1};
        assertThrows(MsgpackException.class, () -> new MsgpackScanner(1000, 100).scan(received(ext32), 0, 6));
    }

    @Test
    void acceptsAValueOfExactlyTheLimit() {
        byte[] v = Mp.pack("x".repeat(997)); // da 03 e5 + 997 = 1000 bytes
        assertEquals(1000, v.length);
        assertEquals(1000, new MsgpackScanner(1000, 100).scan(received(v), 0, v.length));
        assertThrows(MsgpackException.class, () -> new MsgpackScanner(999, 100).scan(received(v), 0, v.length));
    }

    @Test
    void scansFromAnOffset() {
        byte[] two = Mp.stream(list("a", 1), map("b", 2));
        int first = Mp.pack(list("a", 1)).length;
        MsgpackScanner s = new MsgpackScanner(100, 10);
        assertEquals(first, s.scan(received(two), 0, two.length));
        s.reset();
        assertEquals(two.length - first, s.scan(received(two), first, two.length));
    }

    static byte[] nested(int depth) {
        byte[] b = new byte[depth + 1];
        Arrays.fill(b, 0, depth, (byte) 0x91);
        b[depth] = (byte) 0xc0;
        return b;
    }

    private static int scanAll(byte[] b) {
        return new MsgpackScanner(1 << 24, 100).scan(received(b), 0, b.length);
    }

    /** The bytes as the frame decoder scans them: a ByteBuf read in place. */
    private static MsgpackBytes received(byte[] b) {
        return new MsgpackBytes.OfByteBuf().of(Unpooled.wrappedBuffer(b));
    }

    private static String hexStart(byte[] v) {
        return io.netty.buffer.ByteBufUtil.hexDump(v, 0, Math.min(8, v.length)) + " (" + v.length + " bytes)";
    }
}
