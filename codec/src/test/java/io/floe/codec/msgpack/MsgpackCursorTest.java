package io.floe.codec.msgpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.codec.event.RandomMsgpack;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;

class MsgpackCursorTest {
    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    /** The cursor's view of one value: its first byte checked, then the whole value read and skipped to its end. */
    private static MsgpackCursor at(byte[] v, int format) {
        assertEquals(format, new MsgpackCursor(v).format(), "format of " + v.length + " bytes");
        assertEquals(v.length, new MsgpackCursor(v).skip(), "skipped length");
        return new MsgpackCursor(v);
    }

    @Test
    void readsNilBooleansAndEveryIntegerWidth() {
        at(Packed.of(MessagePacker::packNil), 0xc0).readNil("v");
        assertTrue(at(Packed.of(p -> p.packBoolean(true)), 0xc3).readBoolean("v"));
        assertFalse(at(Packed.of(p -> p.packBoolean(false)), 0xc2).readBoolean("v"));
        long[][] cases = {
            {0, 0x00}, {127, 0x7f}, {-1, 0xff}, {-32, 0xe0}, {128, 0xcc}, {255, 0xcc}, {256, 0xcd}, {65535, 0xcd},
            {65536, 0xce}, {4294967295L, 0xce}, {4294967296L, 0xcf}, {Long.MAX_VALUE, 0xcf}, {-33, 0xd0}, {-128, 0xd0},
            {-129, 0xd1}, {-32768, 0xd1}, {-32769, 0xd2}, {Integer.MIN_VALUE, 0xd2}, {Integer.MIN_VALUE - 1L, 0xd3},
            {Long.MIN_VALUE, 0xd3}};
        for (long[] c : cases) {
            byte[] v = Packed.of(p -> p.packLong(c[0]));
            MsgpackCursor r = at(v, (int) c[1]);
            assertEquals(MsgpackType.INTEGER, r.type());
            assertEquals(c[0], r.readLong("n"), "value " + c[0]);
            assertFalse(r.hasNext());
        }
    }

    @Test
    void aUint64AboveLongMaxIsRefusedAsALongAndKeptAsBits() {
        byte[] v = Packed.of(p -> p.packBigInteger(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)));
        MsgpackException e = assertThrows(MsgpackException.class, () -> at(v, 0xcf).readLong("time"));
        assertEquals("time is an integer above 2^63", e.getMessage());
        MsgpackCursor r = new MsgpackCursor(v);
        assertEquals(-1L, r.readIntegerBits("n"));
        assertEquals(9, r.position());
    }

    @Test
    void onlyAUint64AboveLongMaxIsSeenAsOneReadingNothing() {
        MsgpackCursor above = new MsgpackCursor(Packed.of(p -> p.packBigInteger(BigInteger.ONE.shiftLeft(63))));
        assertTrue(above.atUint64AboveLongMax());
        assertEquals(0, above.position());
        assertFalse(new MsgpackCursor(Packed.of(p -> p.packLong(Long.MAX_VALUE))).atUint64AboveLongMax(), "a uint64 within a long");
        assertFalse(new MsgpackCursor(Packed.of(p -> p.packLong(-1))).atUint64AboveLongMax());
        assertFalse(new MsgpackCursor(bytes(0xd3, 0x80, 0, 0, 0, 0, 0, 0, 0)).atUint64AboveLongMax(), "an int64 below zero");
        assertFalse(new MsgpackCursor(bytes(0xcf)).atUint64AboveLongMax(), "truncated: the read says so");
        assertThrows(MsgpackException.class, () -> new MsgpackCursor(bytes(0xcf, 0x80)).readIntegerBits("n"));
    }

    @Test
    void readsFloatsWideningFloat32() {
        assertEquals(2.5, at(Packed.of(p -> p.packFloat(2.5f)), 0xca).readDouble("f"));
        assertEquals(0.1, at(Packed.of(p -> p.packDouble(0.1)), 0xcb).readDouble("f"));
        assertEquals(MsgpackType.FLOAT, new MsgpackCursor(Packed.of(p -> p.packDouble(1))).type());
    }

    @Test
    void readsStringsAtEveryHeaderBoundary() {
        int[][] cases = {{0, 0xa0}, {31, 0xbf}, {32, 0xd9}, {255, 0xd9}, {256, 0xda}, {65535, 0xda}, {65536, 0xdb}};
        for (int[] c : cases) {
            String s = "é".repeat(c[0] / 2) + "x".repeat(c[0] % 2);
            byte[] v = Packed.of(p -> p.packString(s));
            assertEquals(c[1], v[0] & 0xff, "header of " + c[0]);
            MsgpackCursor r = at(v, c[1]);
            assertEquals(MsgpackType.STRING, r.type());
            assertEquals(s, r.readString("s"));
            assertFalse(r.hasNext());
            MsgpackCursor raw = new MsgpackCursor(v);
            int n = raw.readRawHeader("s");
            assertEquals(c[0], n);
            assertEquals(v.length - n, raw.position(), "payload is a slice at the cursor");
        }
    }

    @Test
    void readsBinariesAtEveryHeaderBoundary() {
        int[][] cases = {{0, 0xc4}, {255, 0xc4}, {256, 0xc5}, {65535, 0xc5}, {65536, 0xc6}};
        for (int[] c : cases) {
            byte[] payload = new byte[c[0]];
            Arrays.fill(payload, (byte) 7);
            byte[] v = Packed.of(p -> {
                p.packBinaryHeader(payload.length);
                p.writePayload(payload);
            });
            MsgpackCursor r = at(v, c[1]);
            assertEquals(MsgpackType.BINARY, r.type());
            assertArrayEquals(payload, r.readBytes("b"));
        }
    }

    @Test
    void readsArraysAndMapsAtEveryHeaderBoundary() {
        int[][] arrays = {{0, 0x90}, {15, 0x9f}, {16, 0xdc}, {65535, 0xdc}, {65536, 0xdd}};
        for (int[] c : arrays) {
            byte[] v = Packed.of(p -> {
                p.packArrayHeader(c[0]);
                for (int i = 0; i < c[0]; i++) {
                    p.packInt(i % 100);
                }
            });
            MsgpackCursor r = at(v, c[1]);
            assertEquals(MsgpackType.ARRAY, r.type());
            assertEquals(c[0], r.readArrayHeader("a"));
            r.skip(c[0]);
            assertFalse(r.hasNext());
        }
        int[][] maps = {{0, 0x80}, {15, 0x8f}, {16, 0xde}, {65535, 0xde}, {65536, 0xdf}};
        for (int[] c : maps) {
            byte[] v = Packed.of(p -> {
                p.packMapHeader(c[0]);
                for (int i = 0; i < c[0]; i++) {
                    p.packString("k" + i);
                    p.packNil();
                }
            });
            MsgpackCursor r = at(v, c[1]);
            assertEquals(MsgpackType.MAP, r.type());
            assertEquals(c[0], r.readMapHeader("m"));
            r.skip(2 * c[0]);
            assertFalse(r.hasNext());
        }
    }

    @Test
    void readsExtensionsOfEverySizeAndEventTime() {
        int[][] cases = {{1, 0xd4}, {2, 0xd5}, {4, 0xd6}, {8, 0xd7}, {16, 0xd8}, {0, 0xc7}, {3, 0xc7}, {255, 0xc7},
            {256, 0xc8}, {65535, 0xc8}, {65536, 0xc9}};
        for (int[] c : cases) {
            byte[] v = Packed.of(p -> {
                p.packExtensionTypeHeader((byte) -5, c[0]);
                p.writePayload(new byte[c[0]]);
            });
            MsgpackCursor r = at(v, c[1]);
            assertEquals(MsgpackType.EXTENSION, r.type());
            assertEquals(c[0], r.readExtHeader("x"));
            assertEquals(-5, r.extType());
            assertEquals(v.length - c[0], r.position());
        }
        // Fluentd's EventTime: ext 0 of 8 bytes, seconds and nanoseconds big-endian.
        byte[] time = bytes(0xd7, 0x00, 0x5f, 0x5e, 0x10, 0x00, 0x3b, 0x9a, 0xc9, 0xff);
        MsgpackCursor r = at(time, 0xd7);
        assertEquals(8, r.readExtHeader("time"));
        assertEquals(0, r.extType());
        assertEquals(0x5f5e1000L, r.uint32At(r.position()));
        assertEquals(999_999_999L, r.uint32At(r.position() + 4));
    }

    @Test
    void skipsEveryRandomValueToWhereMsgpackJavaEndsIt() throws IOException {
        Random rnd = new Random(20);
        for (int i = 0; i < 2000; i++) {
            byte[] v = Packed.of(p -> {
                RandomMsgpack.value(p, rnd, 0);
                p.packInt(42);
            });
            int length;
            try (MessageUnpacker u = MessagePack.newDefaultUnpacker(v)) {
                u.skipValue();
                length = (int) u.getTotalReadBytes();
            }
            MsgpackCursor r = new MsgpackCursor(v);
            assertEquals(length, r.skip());
            assertEquals(42, r.readLong("tail"));
        }
    }

    @Test
    void readsAWindowOfALargerArrayAndNeverPastIt() {
        byte[] value = Packed.of(p -> p.packString("hello"));
        byte[] around = new byte[value.length + 20];
        Arrays.fill(around, (byte) 0xa5); // fixstr headers: readable if the cursor strayed past its window
        System.arraycopy(value, 0, around, 10, value.length);
        MsgpackCursor r = new MsgpackCursor(around, 10, value.length);
        assertEquals(value.length, r.skip());
        assertEquals(10 + value.length, r.position());
        assertFalse(r.hasNext());
        assertThrows(MsgpackException.class, r::format);
        MsgpackCursor cut = new MsgpackCursor(around, 10, value.length - 1);
        assertThrows(MsgpackException.class, cut::skip);
        assertThrows(MsgpackException.class, () -> new MsgpackCursor(around, 10, value.length - 1).readString("s"));
    }

    @Test
    void aValueCutAtAnyByteIsAMsgpackExceptionForEveryReader() {
        byte[] sample = Packed.of(p -> {
            p.packArrayHeader(5);
            p.packExtensionTypeHeader((byte) 0, 8);
            p.writePayload(new byte[] {0, 0, 0, 1, 0, 0, 0, 2});
            p.packMapHeader(8);
            p.packString("s").packString("x".repeat(40));
            p.packString("i").packLong(-70000);
            p.packString("u").packLong(1L << 40);
            p.packString("f").packDouble(1.5);
            p.packString("g").packFloat(2.5f);
            p.packString("b").packBinaryHeader(300).writePayload(new byte[300]);
            p.packString("x").packExtensionTypeHeader((byte) 9, 20).writePayload(new byte[20]);
            p.packString("a").packArrayHeader(2).packNil().packBoolean(true);
            p.packInt(1).packMapHeader(0);
            p.packNil();
        });
        assertEquals(sample.length, readAll(new MsgpackCursor(sample)));
        for (int cut = 0; cut < sample.length; cut++) {
            int c = cut;
            assertThrows(MsgpackException.class, () -> new MsgpackCursor(sample, 0, c).skip(), "skip cut at " + cut);
            assertThrows(MsgpackException.class, () -> readAll(new MsgpackCursor(sample, 0, c)), "read cut at " + cut);
        }
    }

    /** Reads the value at the cursor with the typed readers, as a decoder would; returns where it ends. */
    private static int readAll(MsgpackCursor r) {
        switch (r.type()) {
            case NIL -> r.readNil("v");
            case BOOLEAN -> r.readBoolean("v");
            case INTEGER -> r.readIntegerBits("v");
            case FLOAT -> r.readDouble("v");
            case STRING -> r.readString("v");
            case BINARY -> r.readBytes("v");
            case EXTENSION -> {
                int n = r.readExtHeader("v");
                r.position(r.position() + n);
            }
            case ARRAY -> {
                int n = r.readArrayHeader("v");
                for (int i = 0; i < n; i++) {
                    readAll(r);
                }
            }
            case MAP -> {
                int n = r.readMapHeader("v");
                for (int i = 0; i < 2 * n; i++) {
                    readAll(r);
                }
            }
        }
        return r.position();
    }

    @Test
    void hostileLengthsFailBeforeAnythingIsAllocated() {
        // Lengths of up to 4 GiB with a few bytes behind them: reading them must not allocate first.
        byte[][] lies = {
            bytes(0xdb, 0xff, 0xff, 0xff, 0xff, 'a'), bytes(0xc6, 0x7f, 0xff, 0xff, 0xff, 1), bytes(0xda, 0xff, 0xff, 'a'),
            bytes(0xc9, 0xff, 0xff, 0xff, 0xff, 1, 2), bytes(0xdd, 0xff, 0xff, 0xff, 0xff, 0xc0), bytes(0xdf, 0x7f, 0xff, 0xff, 0xff, 1, 2),
            bytes(0xdc, 0xff, 0xff, 0xc0), bytes(0xde, 0x00, 0x02, 1, 2, 3)};
        for (byte[] lie : lies) {
            String hex = String.format("0x%02x", lie[0] & 0xff);
            assertThrows(MsgpackException.class, () -> new MsgpackCursor(lie).skip(), hex);
            assertThrows(MsgpackException.class, () -> readAll(new MsgpackCursor(lie)), hex);
        }
        MsgpackException e = assertThrows(MsgpackException.class, () -> new MsgpackCursor(lies[4]).readArrayHeader("entries"));
        assertEquals("entries claims 4294967295 elements but only 1 bytes follow", e.getMessage());
    }

    @Test
    void refusesTheNeverUsedByteAndTheWrongTypeByName() {
        MsgpackException e = assertThrows(MsgpackException.class, () -> new MsgpackCursor(bytes(0xc1)).type());
        assertEquals("byte 0xc1 is not valid msgpack", e.getMessage());
        assertThrows(MsgpackException.class, () -> new MsgpackCursor(bytes(0x91, 0xc1)).skip());
        e = assertThrows(MsgpackException.class, () -> new MsgpackCursor(bytes(0x80)).readString("tag"));
        assertEquals("tag is a map, expected a string", e.getMessage());
        e = assertThrows(MsgpackException.class, () -> new MsgpackCursor(bytes(0xa1, 'x')).readLong("time"));
        assertEquals("time is a string, expected an integer", e.getMessage());
        assertThrows(MsgpackException.class, () -> new MsgpackCursor(bytes(0xc0)).readMapHeader("record"));
        assertThrows(MsgpackException.class, () -> new MsgpackCursor(bytes(0x01)).readExtHeader("time"));
    }

    @Test
    void skipsNestingUpToTheCursorsLimitAndNoDeeper() {
        assertEquals(101, new MsgpackCursor(nested(100)).skip());
        MsgpackException e = assertThrows(MsgpackException.class, () -> new MsgpackCursor(nested(101)).skip());
        assertEquals("message nests deeper than 100 levels", e.getMessage());
        assertEquals(501, new MsgpackCursor(512).reset(nested(500), 0, 501).skip());
        // Iterative: a depth no recursive walk would survive costs the skip nothing but its limit.
        assertThrows(MsgpackException.class, () -> new MsgpackCursor(nested(1_000_000)).skip());
        assertEquals(1_000_001, new MsgpackCursor(MsgpackCursor.ANY_DEPTH).reset(nested(1_000_000), 0, 1_000_001).skip());
    }

    @Test
    void isReusedOnNewBytesWithoutCarryingAnythingOver() {
        MsgpackCursor r = new MsgpackCursor(8);
        assertThrows(MsgpackException.class, () -> r.reset(nested(9), 0, 10).skip());
        byte[] s = "\u00a3abc".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("abc", r.reset(s, 0, s.length).readString("s"));
        assertEquals(9, r.reset(nested(8), 0, 9).skip());
    }

    private static byte[] nested(int depth) {
        byte[] b = new byte[depth + 1];
        Arrays.fill(b, 0, depth, (byte) 0x91);
        b[depth] = (byte) 0xc0;
        return b;
    }
}
