package io.floe.codec.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.codec.msgpack.MsgpackCursor;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** Ruby's to_s, inspect, to_i, to_f and split of record values, decoded or still msgpack. */
class RubyValuesTest {
    @Test
    void rubyValues() {
        assertEquals("[\"a\", 1, nil, true, 2.5]", RubyValues.toS(Arrays.asList("a", 1L, null, true, 2.5)));
        assertEquals("", RubyValues.toS(null));
        assertEquals(-12L, RubyValues.toI(" -1_2x"));
        assertEquals(0L, RubyValues.toI("x1"));
        assertEquals(-0.5, RubyValues.toF("-.5"), 0.0);
        assertEquals(-0.0, RubyValues.toF("-"), 0.0);
        assertEquals(12.5, RubyValues.toF("1_2.5e"), 0.0);
        assertEquals(List.of("a", "b"), RubyValues.split(" a  b ", " ", 0));
        assertEquals(List.of("a", "", "b"), RubyValues.split("a,,b,,", ",", 0));
        assertEquals(List.of("a", "b,c"), RubyValues.split("a,b,c", ",", 2));
        assertEquals(List.of(), RubyValues.split("", ",", 0));
    }

    /** The formatters print msgpack without decoding it; the result must be what the decoded value prints. */
    @Test
    void msgpackValuesPrintAsTheirDecodedValues() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(5);
        p.packString("s").packString("a\"#{b}\n");
        p.packString("n").packNil();
        p.packString("l").packArrayHeader(3).packLong(-1).packDouble(1e20).packBoolean(true);
        p.packString("m").packMapHeader(1).packString("k").packDouble(0.5);
        p.packString("bin").packBinaryHeader(2).writePayload(new byte[] {'h', 'i'});
        byte[] bytes = p.toByteArray();

        Map<String, Object> decoded = new LinkedHashMap<>();
        decoded.put("s", "a\"#{b}\n");
        decoded.put("n", null);
        decoded.put("l", Arrays.asList(-1L, 1e20, true));
        decoded.put("m", Map.of("k", 0.5));
        decoded.put("bin", "hi".getBytes());
        StringBuilder fromJava = new StringBuilder();
        RubyValues.inspect(decoded, fromJava);

        StringBuilder fromMsgpack = new StringBuilder();
        RubyText.inspect(new MsgpackCursor(bytes), fromMsgpack);
        String ruby = "{\"s\"=>\"a\\\"\\#{b}\\n\", \"n\"=>nil, \"l\"=>[-1, 1.0e+20, true], \"m\"=>{\"k\"=>0.5}, \"bin\"=>\"hi\"}";
        assertEquals(ruby, fromMsgpack.toString());
        assertEquals(ruby, fromJava.toString());

        StringBuilder nil = new StringBuilder();
        RubyText.toS(new MsgpackCursor(new byte[] {(byte) 0xc0}), nil);
        assertEquals("", nil.toString());
    }

    @Test
    void msgpackIntegersOfEveryWidthAndExtensionsPrintAsTheUnpackerPrintedThem() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(5).packBigInteger(new BigInteger("18446744073709551615")).packLong(Long.MIN_VALUE).packInt(-1);
        p.packExtensionTypeHeader((byte) 0, 8).writePayload(new byte[] {0x65, 0x53, (byte) 0xf1, 0x00, 0, 0, 0, 1});
        p.packExtensionTypeHeader((byte) 5, 2).writePayload(new byte[] {0x41, (byte) 0xe9});
        StringBuilder b = new StringBuilder();
        RubyText.inspect(new MsgpackCursor(p.toByteArray()), b);
        assertEquals("[18446744073709551615, -9223372036854775808, -1, 1700000000, \"A\u00e9\"]", b.toString());
    }

    @Test
    void forLogQuotesAndCutsLongText() {
        assertEquals("\"tag\\e[31m\"", RubyText.forLog("tag\u001b[31m"));
        String logged = RubyText.forLog("x".repeat(2000));
        assertEquals("\"" + "x".repeat(1024) + "\"... (2000 characters)", logged);
    }
}
