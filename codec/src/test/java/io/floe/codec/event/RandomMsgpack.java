package io.floe.codec.event;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.msgpack.core.MessagePacker;

/**
 * Random msgpack values in every encoding the format has, including the longer headers that a packer only uses
 * for large values (str32 of three bytes, map16 of one entry): what other forward clients may send.
 */
public final class RandomMsgpack {
    private static final String[] TEXT = {"", "log", "GET / 200", "\"q\"", "back\\slash", "tab\tnl\n", "\u0001\u001f",
        "héllo", "✓", "😀 smile", "</script>", "@timestamp", "x".repeat(40)};

    private RandomMsgpack() {
    }

    public static void value(MessagePacker p, Random r, int depth) throws IOException {
        int kinds = depth > 3 ? 22 : 26;
        switch (r.nextInt(kinds)) {
            case 0 -> p.packNil();
            case 1 -> p.packBoolean(r.nextBoolean());
            case 2 -> p.packInt(r.nextInt(256) - 128);       // fixints, int8, uint8
            case 3 -> p.packInt(r.nextInt());
            case 4 -> p.packLong(r.nextLong());
            case 5 -> p.packBigInteger(new BigInteger(64, r));   // uint64, often past Long.MAX_VALUE
            case 6 -> p.packLong(r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE);
            case 7 -> {
                // non-minimal integer encodings: uint16/32/64 and int16/32/64 of small values
                int[] heads = {0xcd, 0xce, 0xcf, 0xd1, 0xd2, 0xd3};
                int[] sizes = {2, 4, 8, 2, 4, 8};
                int i = r.nextInt(heads.length);
                byte[] b = new byte[1 + sizes[i]];
                b[0] = (byte) heads[i];
                b[b.length - 1] = (byte) r.nextInt(128);
                p.writePayload(b);
            }
            case 8 -> p.packFloat(r.nextFloat() * (float) Math.pow(10, r.nextInt(20) - 10));
            case 9 -> p.packDouble(r.nextDouble() * Math.pow(10, r.nextInt(600) - 300));
            case 10 -> p.packDouble(new double[] {0.0, -0.0, 1.0, 1e20, 1e-7, Double.MIN_VALUE, Double.MAX_VALUE}[r.nextInt(7)]);
            case 11, 12, 13 -> p.packString(TEXT[r.nextInt(TEXT.length)]);
            case 14 -> p.packString("y".repeat(r.nextInt(5) == 0 ? 70_000 : 300));   // str16 or str32
            case 15 -> {
                // str8/str16/str32 headers for a short string
                byte[] s = TEXT[r.nextInt(TEXT.length)].getBytes(StandardCharsets.UTF_8);
                int kind = r.nextInt(3);
                byte[] head = kind == 0 ? new byte[] {(byte) 0xd9, (byte) s.length}
                        : kind == 1 ? new byte[] {(byte) 0xda, 0, (byte) s.length}
                        : new byte[] {(byte) 0xdb, 0, 0, 0, (byte) s.length};
                p.writePayload(head);
                p.writePayload(s);
            }
            case 16 -> {
                byte[] b = TEXT[r.nextInt(TEXT.length)].getBytes(StandardCharsets.UTF_8);
                p.packBinaryHeader(b.length).writePayload(b);
            }
            case 17 -> p.packExtensionTypeHeader((byte) 0, 8)   // an EventTime inside a record
                    .writePayload(new byte[] {0x69, 0x1f, 0x3d, 0x4b, 0, 0, 0, (byte) r.nextInt(100)});
            case 18 -> {
                int[] lengths = {1, 2, 4, 8, 16, 0, 3, 300};   // fixext sizes, then ext8 and ext16
                byte[] b = new byte[lengths[r.nextInt(lengths.length)]];
                r.nextBytes(b);
                p.packExtensionTypeHeader((byte) (1 + r.nextInt(100)), b.length).writePayload(b);
            }
            case 19 -> {
                byte[] b = {(byte) 0xc9, 0, 0, 0, 2, 7, 'h', (byte) 0xe9};   // ext32 of two bytes
                p.writePayload(b);
            }
            case 20 -> p.packShort((short) r.nextInt());
            case 21 -> p.packByte((byte) r.nextInt());
            case 22, 23 -> {
                int n = r.nextInt(5);
                if (r.nextInt(4) == 0) {
                    p.writePayload(new byte[] {(byte) 0xdc, 0, (byte) n});   // array16
                } else {
                    p.packArrayHeader(n);
                }
                for (int i = 0; i < n; i++) {
                    value(p, r, depth + 1);
                }
            }
            default -> {
                int n = r.nextInt(5);
                if (r.nextInt(4) == 0) {
                    p.writePayload(new byte[] {(byte) 0xdf, 0, 0, 0, (byte) n});   // map32
                } else {
                    p.packMapHeader(n);
                }
                for (int i = 0; i < n; i++) {
                    key(p, r, depth);
                    value(p, r, depth + 1);
                }
            }
        }
    }

    /** Mostly strings; sometimes what other clients send as keys: numbers, nil, booleans, binary. */
    private static void key(MessagePacker p, Random r, int depth) throws IOException {
        switch (r.nextInt(10)) {
            case 0 -> p.packInt(r.nextInt(1000) - 500);
            case 1 -> p.packNil();
            case 2 -> p.packBoolean(r.nextBoolean());
            case 3 -> p.packDouble(r.nextInt(100) / 4.0);
            case 4 -> {
                byte[] b = TEXT[r.nextInt(TEXT.length)].getBytes(StandardCharsets.UTF_8);
                p.packBinaryHeader(b.length).writePayload(b);
            }
            case 5 -> p.packBigInteger(new BigInteger("18446744073709551615"));
            default -> p.packString(TEXT[r.nextInt(TEXT.length)]);
        }
    }
}
