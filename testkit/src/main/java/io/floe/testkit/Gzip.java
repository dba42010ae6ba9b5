package io.floe.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Gzip members a test sends to see decompression held to its bound. */
public final class Gzip {
    private Gzip() {
    }

    /**
     * A gzip member of {@code mib} MiB of zeros, made without compressing them all: one MiB deflated
     * with a full flush (no reference to what came before) repeated, then the final block and trailer.
     */
    public static byte[] zeros(int mib) {
        Deflater d = new Deflater(9, true);
        byte[] zeros = new byte[1 << 20];
        byte[] buf = new byte[64 << 10];
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        d.setInput(zeros);
        int n;
        do {
            n = d.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
            block.write(buf, 0, n);
        } while (n == buf.length);
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        d.finish();
        while (!d.finished()) {
            n = d.deflate(buf);
            tail.write(buf, 0, n);
        }
        d.end();
        CRC32 crc = new CRC32();
        for (int i = 0; i < mib; i++) {
            crc.update(zeros);
        }
        byte[] b = block.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(10 + b.length * mib + tail.size() + 8).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        for (int i = 0; i < mib; i++) {
            out.put(b);
        }
        out.put(tail.toByteArray());
        out.putInt((int) crc.getValue());
        out.putInt((int) ((long) mib << 20));
        return out.array();
    }
}
