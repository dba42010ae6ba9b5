package io.floe.outputs.inject;

import java.util.Arrays;

/** A growing byte array that injected events are written into, with the few msgpack headers injection writes. */
final class PackedBuffer {
    private byte[] buf;
    private int size;

    PackedBuffer(int capacity) {
        buf = new byte[Math.max(64, capacity)];
    }

    byte[] array() {
        return buf;
    }

    int size() {
        return size;
    }

    void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** A map header in the smallest form, as msgpack's packers write it. */
    void mapHeader(int n) {
        ensure(5);
        if (n < 16) {
            buf[size++] = (byte) (0x80 | n);
        } else if (n < 65536) {
            buf[size++] = (byte) 0xde;
            buf[size++] = (byte) (n >>> 8);
            buf[size++] = (byte) n;
        } else {
            buf[size++] = (byte) 0xdf;
            putInt(n);
        }
    }

    private void putInt(int v) {
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    /** An integer in the smallest form, as msgpack's packers write it. */
    static byte[] integer(long v) {
        if (v >= -32 && v < 128) {
            return new byte[] {(byte) v};
        }
        int format;
        if (v >= 0) {
            format = v < 256 ? 0xcc : v < 65536 ? 0xcd : v < (1L << 32) ? 0xce : 0xcf;
        } else {
            format = v >= -128 ? 0xd0 : v >= -32768 ? 0xd1 : v >= Integer.MIN_VALUE ? 0xd2 : 0xd3;
        }
        int n = 1 << (format & 0x03);
        byte[] out = new byte[1 + n];
        out[0] = (byte) format;
        for (int i = 0; i < n; i++) {
            out[1 + i] = (byte) (v >>> (8 * (n - 1 - i)));
        }
        return out;
    }

    /** UTF-8 text packed as a msgpack str. */
    static byte[] str(byte[] utf8) {
        int n = utf8.length;
        int h = n < 32 ? 1 : n < 256 ? 2 : n < 65536 ? 3 : 5;
        byte[] out = new byte[h + n];
        switch (h) {
            case 1 -> out[0] = (byte) (0xa0 | n);
            case 2 -> {
                out[0] = (byte) 0xd9;
                out[1] = (byte) n;
            }
            case 3 -> {
                out[0] = (byte) 0xda;
                out[1] = (byte) (n >>> 8);
                out[2] = (byte) n;
            }
            default -> {
                out[0] = (byte) 0xdb;
                for (int i = 0; i < 4; i++) {
                    out[1 + i] = (byte) (n >>> (24 - 8 * i));
                }
            }
        }
        System.arraycopy(utf8, 0, out, h, n);
        return out;
    }
}
