package io.floe.inputs.forward;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a CompressedPackedForward body: one or more gzip members back to back (Fluentd's out_forward
 * writes one member per buffered write), each checked against its CRC and length, with the output
 * capped so a small frame cannot expand into gigabytes (a gzip bomb fails at the cap, having used at
 * most that much memory). Strict where {@link java.util.zip.GZIPInputStream} is lenient: bytes after the
 * last member are an error, not silently ignored.
 */
final class GzipMembers {
    /** The inflated bytes: {@code bytes[0, length)}. */
    record Inflated(byte[] bytes, int length) {
    }

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private GzipMembers() {
    }

    static Inflated inflate(byte[] in, int off, int len, int limit) {
        byte[] out = new byte[(int) Math.min(limit + 1L, Math.max(8192L, len * 4L))];
        int outLen = 0;
        int pos = off;
        int end = off + len;
        // The native zlib state is made per message and freed at once: idle connections hold none.
        Inflater inflater = new Inflater(true);
        CRC32 crc = new CRC32();
        try {
            while (pos < end) {
                pos = skipHeader(in, pos, end);
                inflater.reset();
                inflater.setInput(in, pos, end - pos);
                int memberStart = outLen;
                while (!inflater.finished()) {
                    if (outLen == out.length) {
                        if (out.length > limit) {
                            throw new ForwardProtocolException("gzip payload inflates beyond the limit of " + limit + " bytes");
                        }
                        out = Arrays.copyOf(out, (int) Math.min(limit + 1L, out.length * 2L));
                    }
                    int n = inflater.inflate(out, outLen, out.length - outLen);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        throw new ForwardProtocolException("truncated gzip member");
                    }
                    outLen += n;
                }
                if (outLen > limit) {
                    throw new ForwardProtocolException("gzip payload inflates beyond the limit of " + limit + " bytes");
                }
                pos = end - inflater.getRemaining();
                if (end - pos < 8) {
                    throw new ForwardProtocolException("truncated gzip trailer");
                }
                crc.reset();
                crc.update(out, memberStart, outLen - memberStart);
                if (le32(in, pos) != crc.getValue() || le32(in, pos + 4) != ((outLen - memberStart) & 0xffffffffL)) {
                    throw new ForwardProtocolException("gzip member fails its CRC or length check");
                }
                pos += 8;
            }
            return new Inflated(out, outLen);
        } catch (DataFormatException e) {
            throw new ForwardProtocolException("corrupt gzip data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static int skipHeader(byte[] in, int pos, int end) {
        if (end - pos < 10 || (in[pos] & 0xff) != 0x1f || (in[pos + 1] & 0xff) != 0x8b) {
            throw new ForwardProtocolException("compressed entries are not gzip");
        }
        if (in[pos + 2] != 8) {
            throw new ForwardProtocolException("gzip member uses compression method " + in[pos + 2] + ", expected deflate");
        }
        int flags = in[pos + 3] & 0xff;
        int p = pos + 10;
        if ((flags & FEXTRA) != 0) {
            p = need(p + 2, end);
            p = need(p + ((in[p - 2] & 0xff) | (in[p - 1] & 0xff) << 8), end);
        }
        if ((flags & FNAME) != 0) {
            p = pastZero(in, p, end);
        }
        if ((flags & FCOMMENT) != 0) {
            p = pastZero(in, p, end);
        }
        if ((flags & FHCRC) != 0) {
            p = need(p + 2, end);
        }
        return p;
    }

    private static int pastZero(byte[] in, int p, int end) {
        while (p < end && in[p] != 0) {
            p++;
        }
        return need(p + 1, end);
    }

    private static int need(int p, int end) {
        if (p > end) {
            throw new ForwardProtocolException("truncated gzip header");
        }
        return p;
    }

    private static long le32(byte[] b, int i) {
        return (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16 | (b[i + 3] & 0xffL) << 24;
    }
}
