package io.floe.codec.event;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** The byte-level transcoder writes exactly what the Jackson-based JacksonReference writes. */
class JsonTranscoderTest {
    private final JsonTranscoder t = new JsonTranscoder();

    /**
     * Byte for byte the same, but for characters outside the BMP: Jackson escapes them as surrogate
     * pairs, the transcoder writes them as UTF-8, as Fluentd (Ruby's JSON) does.
     */
    private void same(byte[] mp) throws IOException {
        String jackson = java.util.regex.Pattern.compile("\\\\u(d[89ab][0-9a-f]{2})\\\\u(d[c-f][0-9a-f]{2})", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(JacksonReference.toJson(mp, 0, mp.length))
                .replaceAll(m -> new String(new char[] {(char) Integer.parseInt(m.group(1), 16), (char) Integer.parseInt(m.group(2), 16)}));
        // Jackson writes the hex of a control character's escape in upper case, Ruby's JSON (Fluentd) in lower case;
        // an escape is a backslash not itself escaped (an odd run of backslashes before the u).
        jackson = java.util.regex.Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*\\\\u00)([0-9A-F]{2})").matcher(jackson)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) + m.group(2).toLowerCase(java.util.Locale.ROOT)));
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
    void arbitraryBytesInStringsGiveWhatTheUnpackerDecodedAndValidUtf8() throws IOException {
        // Bytes chosen to hit every kind of bad sequence: stray continuations, overlong forms, surrogates,
        // code points past U+10FFFF, truncated sequences at the end and before ASCII.
        byte[] pool = {'a', '"', '\\', 0x01, 0x1c, '\n', 0x7f, (byte) 0x80, (byte) 0xbf, (byte) 0xc0, (byte) 0xc1, (byte) 0xc2,
                (byte) 0xc3, (byte) 0xa9, (byte) 0xdf, (byte) 0xe0, (byte) 0xa0, (byte) 0xe2, (byte) 0x82, (byte) 0xac,
                (byte) 0xed, (byte) 0x9f, (byte) 0xef, (byte) 0xf0, (byte) 0x90, (byte) 0x9f, (byte) 0x98, (byte) 0xf4,
                (byte) 0x8f, (byte) 0xf5, (byte) 0xf8, (byte) 0xff};
        Random r = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[r.nextInt(16)];
            for (int k = 0; k < b.length; k++) {
                b[k] = pool[r.nextInt(pool.length)];
            }
            try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
                p.packMapHeader(2).packRawStringHeader(b.length).writePayload(b).packRawStringHeader(b.length).writePayload(b);
                p.packString("bin").packBinaryHeader(b.length).writePayload(b);
                byte[] mp = p.toByteArray();
                same(mp);
                var out = new ByteArrayOutputStream();
                t.write(mp, 0, mp.length, out);
                // A strict decoder throws on malformed input (it never returns null).
                assertDoesNotThrow(() -> StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(out.toByteArray())),
                        "the JSON is valid UTF-8");
            }
        }
    }

    @Test
    void controlCharactersAreEscapedAsFluentdEscapesThem() throws IOException {
        byte[] mp = Records.encode(Map.of("k", "\u0000\u0001\u001c\u001f\b\f\n\r\t\u007f/"));
        assertEquals("{\"k\":\"\\u0000\\u0001\\u001c\\u001f\\b\\f\\n\\r\\t\u007f/\"}", t.toJson(mp, 0, mp.length));
        same(mp);
    }

    @Test
    void floatsAreWrittenAsFluentdWritesThemNotInJavasExponentForm() throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(6).packDouble(1796693344.889739).packDouble(1.5).packDouble(1e20).packDouble(1.5e-5)
                    .packDouble(-12345678.5).packDouble(1e15);
            byte[] mp = p.toByteArray();
            assertEquals("[1796693344.889739,1.5,1.0e+20,1.5e-05,-12345678.5,1000000000000000.0]", t.toJson(mp, 0, mp.length));
            same(mp);
        }
    }

    @Test
    void nanAndInfinitiesAreQuotedSoTheDocumentStaysJson() throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(4).packDouble(Double.NaN).packDouble(Double.POSITIVE_INFINITY).packFloat(Float.NEGATIVE_INFINITY)
                    .packDouble(-0.0);
            byte[] mp = p.toByteArray();
            assertEquals("[\"NaN\",\"Infinity\",\"-Infinity\",-0.0]", t.toJson(mp, 0, mp.length));
            same(mp);
        }
    }

    /** What a test checks of a packer that holds one random value, with the random source to pack more. */
    private interface RandomValueCheck {
        void check(MessageBufferPacker packer, Random r) throws IOException;
    }

    /** 20,000 random values in every encoding msgpack has, each in a packer of its own. */
    private static void forRandomValues(long seed, RandomValueCheck check) throws IOException {
        Random r = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
                RandomMsgpack.value(p, r, 0);
                check.check(p, r);
            }
        }
    }

    @Test
    void everyEncodingOfEveryTypeMatches() throws IOException {
        forRandomValues(13, (p, r) -> same(p.toByteArray()));
    }

    @Test
    void skipStepsOverExactlyOneValueOfAnyKind() throws IOException {
        forRandomValues(17, (p, r) -> {
            int first = p.toByteArray().length;
            RandomMsgpack.value(p, r, 0);
            byte[] mp = p.toByteArray();
            t.begin(mp, 0, mp.length);
            t.skip();
            assertEquals(first, t.position());
            t.skip();
            assertEquals(mp.length, t.position());
        });
    }

    @Test
    void theCursorReadsARecordFieldByField() throws IOException {
        byte[] mp;
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(3).packString("@timestamp").packString("x\"y").packInt(7).packArrayHeader(1).packNil();
            p.packString("k".repeat(300)).packBoolean(true);
            mp = p.toByteArray();
        }
        JsonBytes out = t.out();
        out.reset();
        t.begin(mp, 0, mp.length);
        assertEquals(3, t.mapHeader());
        assertTrue(t.atString());
        assertTrue(t.keyIs("@timestamp".getBytes(StandardCharsets.UTF_8)));
        assertFalse(t.keyIs("@timestamp2".getBytes(StandardCharsets.UTF_8)));
        assertFalse(t.keyIs("@timestam".getBytes(StandardCharsets.UTF_8)));
        t.copyKey();
        int valueAt = t.position();
        assertEquals("x\"y", t.readString());
        t.seek(valueAt);
        t.copy();
        assertFalse(t.atString());
        assertEquals(-1, t.mapHeader(), "an integer key is not a map, and nothing is read");
        t.copyKey();
        t.skip();
        assertTrue(t.keyIs("k".repeat(300).getBytes(StandardCharsets.UTF_8)), "a str16 key");
        t.skip();
        t.copy();
        assertEquals(mp.length, t.position());
        assertEquals("\"@timestamp\":\"x\\\"y\"\"7\":true", new String(out.array(), 0, out.size(), StandardCharsets.UTF_8));
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
