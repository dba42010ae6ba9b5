package io.floe.codec.forward;

import io.floe.codec.msgpack.Packed;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * One PackedForward message, {@code [tag, entries, {"size": n, "chunk": id, "compressed": "gzip"}]}, built around
 * the buffer's entry bytes without decoding or copying them: the header and the options are small separate
 * buffers, the entries are wrapped as they are (or gzipped once, for CompressedPackedForward). Like Fluentd, the
 * entries go as a str 32, which every receiver reads as the packed stream.
 */
public final class PackedForward {
    private final byte[] header;
    private final byte[] entries;
    private final int offset;
    private final int length;
    private final byte[] options;
    private final String ackId;

    private PackedForward(byte[] header, byte[] entries, int offset, int length, byte[] options, String ackId) {
        this.header = header;
        this.entries = entries;
        this.offset = offset;
        this.length = length;
        this.options = options;
        this.ackId = ackId;
    }

    /**
     * @param ackId the {@code chunk} option (the receiver answers {@code {"ack": ackId}}), or null for no ack
     */
    public static PackedForward of(String tag, byte[] entries, int offset, int length, int count, String ackId, boolean gzip) {
        byte[] body = entries;
        int off = offset;
        int len = length;
        if (gzip) {
            body = gzip(entries, offset, length);
            off = 0;
            len = body.length;
        }
        return new PackedForward(header(tag, len), body, off, len, options(count, ackId, gzip), ackId);
    }

    /** A fresh buffer for one attempt; the bytes are shared, so resending to another server costs no copy. */
    public ByteBuf toByteBuf() {
        return Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(header), Unpooled.wrappedBuffer(entries, offset, length),
                Unpooled.wrappedBuffer(options));
    }

    /** The {@code chunk} option the server acknowledges, or null when no ack is asked for. */
    public String ackId() {
        return ackId;
    }

    public int size() {
        return header.length + length + options.length;
    }

    private static byte[] header(String tag, int entriesLength) {
        byte[] t = tag.getBytes(StandardCharsets.UTF_8);
        return Packed.of(p -> {
            p.packArrayHeader(3).packRawStringHeader(t.length).writePayload(t);
            p.writePayload(new byte[] {(byte) 0xdb, (byte) (entriesLength >>> 24), (byte) (entriesLength >>> 16),
                    (byte) (entriesLength >>> 8), (byte) entriesLength});
        });
    }

    private static byte[] options(int count, String ackId, boolean gzip) {
        return Packed.of(p -> {
            p.packMapHeader(1 + (ackId != null ? 1 : 0) + (gzip ? 1 : 0));
            p.packString("size").packInt(count);
            if (ackId != null) {
                p.packString(Ack.CHUNK_OPTION).packString(ackId);
            }
            if (gzip) {
                p.packString("compressed").packString("gzip");
            }
        });
    }

    private static byte[] gzip(byte[] b, int off, int len) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, len / 4));
        try (GZIPOutputStream z = new GZIPOutputStream(out, 64 * 1024)) {
            z.write(b, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
