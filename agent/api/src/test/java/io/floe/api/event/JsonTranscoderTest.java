package io.floe.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** The byte-level transcoder writes exactly what the Jackson-based MsgpackJson writes. */
class JsonTranscoderTest {
    private final JsonTranscoder t = new JsonTranscoder();

    /**
     * Byte for byte the same, but for characters outside the BMP: Jackson escapes them as surrogate
     * pairs, the transcoder writes them as UTF-8, as Fluentd (Ruby's JSON) does.
     */
    private void same(byte[] mp) throws IOException {
        String jackson = java.util.regex.Pattern.compile("\\\\u(d[89ab][0-9a-f]{2})\\\\u(d[c-f][0-9a-f]{2})", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(MsgpackJson.toJson(mp, 0, mp.length))
                .replaceAll(m -> new String(new char[] {(char) Integer.parseInt(m.group(1), 16), (char) Integer.parseInt(m.group(2), 16)}));
        assertEquals(jackson, t.toJson(mp, 0, mp.length));
    }

    @Test
    void everyMsgpackTypeMatchesTheJacksonOutput() throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(14);
            p.packString("log").packString("GET / 200 \"quoted\" back\\slash tab\t nl\n cr\r \u0001 héllo ✓ 😀 </script>");
            p.packString("i").packInt(-17);
            p.packString("big").packBigInteger(new BigInteger("18446744073709551615"));
            p.packString("l").packLong(Long.MIN_VALUE);
            p.packString("f").packFloat(1.5f);
            p.packString("d").packDouble(1.0e20);
            p.packString("nil").packNil();
            p.packString("t").packBoolean(true);
            p.packString("bin").packBinaryHeader(3).writePayload("abc".getBytes(StandardCharsets.UTF_8));
            p.packString("arr").packArrayHeader(3).packInt(1).packString("two").packArrayHeader(0);
            p.packString("nested").packMapHeader(1).packString("k").packMapHeader(0);
            p.packString("time").packExtensionTypeHeader((byte) 0, 8).writePayload(new byte[] {0x69, 0x1f, 0x3d, 0x4b, 0, 0, 0, 1});
            p.packString("ext").packExtensionTypeHeader((byte) 5, 2).writePayload(new byte[] {0x41, (byte) 0xe9});
            p.packInt(42).packString("an integer key");
            same(p.toByteArray());
        }
    }

    @Test
    void randomRecordsMatch() throws IOException {
        Random r = new Random(7);
        for (int i = 0; i < 2000; i++) {
            Map<String, Object> rec = new LinkedHashMap<>();
            for (int k = 0; k < 1 + r.nextInt(8); k++) {
                rec.put(randomString(r), randomValue(r, 0));
            }
            same(Records.encode(rec));
        }
    }

    @Test
    void invalidUtf8BecomesTheReplacementCharacterAndTheOutputIsValidUtf8() throws IOException {
        byte[] bad = {'a', (byte) 0xff, 'b', (byte) 0xe2, (byte) 0x82, 'c', (byte) 0xc3};
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(1).packString("log").packRawStringHeader(bad.length).writePayload(bad);
            byte[] mp = p.toByteArray();
            String json = t.toJson(mp, 0, mp.length);
            assertEquals("{\"log\":\"a\uFFFDb\uFFFDc\uFFFD\"}", json);
            assertTrue(StandardCharsets.UTF_8.newEncoder().canEncode(json));
        }
    }

    @Test
    void truncatedInputIsAnError() {
        byte[] mp = Records.encode(Map.of("k", "value"));
        assertThrows(IOException.class, () -> t.toJson(mp, 0, mp.length - 2));
    }

    private static String randomString(Random r) {
        int[] alphabet = "abcXYZ019 \"\\/\t\n\u0007éü✓😀<>&".codePoints().toArray();
        StringBuilder b = new StringBuilder();
        int len = r.nextInt(20);
        for (int i = 0; i < len; i++) {
            b.appendCodePoint(alphabet[r.nextInt(alphabet.length)]);
        }
        return b.toString();
    }

    private static Object randomValue(Random r, int depth) {
        switch (r.nextInt(depth > 2 ? 7 : 9)) {
            case 0: return null;
            case 1: return r.nextBoolean();
            case 2: return (long) r.nextInt();
            case 3: return r.nextLong();
            case 4: return r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
            case 5: return randomString(r);
            case 6: return (long) (r.nextInt(300) - 150);
            case 7: {
                List<Object> l = new ArrayList<>();
                for (int i = 0; i < r.nextInt(4); i++) {
                    l.add(randomValue(r, depth + 1));
                }
                return l;
            }
            default: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < r.nextInt(4); i++) {
                    m.put(randomString(r), randomValue(r, depth + 1));
                }
                return m;
            }
        }
    }
}
