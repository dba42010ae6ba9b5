package io.floe.inputs.forward;

import io.floe.inputs.net.FrameMemory;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a CompressedPackedForward body: one or more gzip members back to back (Fluentd's out_forward
 * writes one member per buffered write), each checked against its CRC and length. Strict where
 * {@link java.util.zip.GZIPInputStream} is lenient: bytes after the last member are an error.
 * <p>Bounded: a body is inflated in steps and refused the moment its output passes {@code limit}
 * ({@code decompression_size_limit}), so a gzip bomb costs a 64 KiB scratch buffer, never its output.
 * An output up to {@link #EAGER} is kept as it is inflated; a larger one is first only measured, then
 * inflated a second time into an array of exactly its size, taken from the input's {@link FrameMemory}
 * (a larger message costs twice the inflating, but never a growing copy or more memory than it holds).
 */
public final class GzipMembers {
    /** The inflated bytes: {@code bytes[0, length)}. */
    public record Inflated(byte[] bytes, int length) {
    }

    /** The payload inflates beyond the limit: refused as too large rather than as corrupt. */
    public static final class TooLarge extends ForwardProtocolException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** Outputs up to this size are kept on the first pass; the memory for them is bounded by the event loops. */
    static final int EAGER = 1 << 20;
    private static final int SCRATCH = 64 << 10;

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private GzipMembers() {
    }

    /** Inflates unaccounted: the caller bounds how many payloads are inflated at once. */
    public static Inflated inflate(byte[] in, int off, int len, int limit) {
        return inflate(in, off, len, limit, FrameMemory.unbounded());
    }

    static Inflated inflate(byte[] in, int off, int len, int limit, FrameMemory memory) {
        // The native zlib state is made per message and freed at once: idle connections hold none.
        Inflater inflater = new Inflater(true);
        try {
            int keep = Math.min(limit, EAGER);
            Output first = new Output(keep, (int) Math.min(keep, Math.max(8192L, len * 4L)));
            members(in, off, len, limit, inflater, first);
            if (first.kept()) {
                return new Inflated(first.bytes, (int) first.size);
            }
            long size = first.size;
            if (!memory.take(size)) {
                throw new ForwardProtocolException("no memory to inflate a gzip payload of " + size
                        + " bytes now (other messages being inflated use decompression_size_limit); the client may send it again");
            }
            try {
                Output exact = new Output((int) size, (int) size);
                members(in, off, len, limit, inflater, exact);
                if (!exact.kept() || exact.size != size) {
                    throw new IllegalStateException("a gzip payload inflated to " + exact.size + " bytes, then to " + size);
                }
                return new Inflated(exact.bytes, (int) exact.size);
            } finally {
                memory.give(size);
            }
        } catch (DataFormatException e) {
            throw new ForwardProtocolException("corrupt gzip data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** Inflates every member of {@code in[off, off+len)} into {@code out}, checking each trailer. */
    private static void members(byte[] in, int off, int len, int limit, Inflater inflater, Output out) throws DataFormatException {
        int pos = off;
        int end = off + len;
        CRC32 crc = new CRC32();
        while (pos < end) {
            pos = skipHeader(in, pos, end);
            inflater.reset();
            inflater.setInput(in, pos, end - pos);
            crc.reset();
            long memberStart = out.size;
            while (!inflater.finished()) {
                out.makeRoom();
                int at = out.at();
                int n = inflater.inflate(out.buffer(), at, out.room());
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new ForwardProtocolException("truncated gzip member");
                }
                crc.update(out.buffer(), at, n);
                out.size += n;
                if (out.size > limit) {
                    throw new TooLarge("gzip payload inflates beyond the limit of " + limit
                            + " bytes (decompression_size_limit)");
                }
            }
            pos = end - inflater.getRemaining();
            if (end - pos < 8) {
                throw new ForwardProtocolException("truncated gzip trailer");
            }
            if (le32(in, pos) != crc.getValue() || le32(in, pos + 4) != ((out.size - memberStart) & 0xffffffffL)) {
                throw new ForwardProtocolException("gzip member fails its CRC or length check");
            }
            pos += 8;
        }
    }

    /**
     * Where inflated bytes go: an array that grows up to {@code keepAtMost}; past that the bytes are
     * only counted, inflated into a scratch buffer that is overwritten each step.
     */
    private static final class Output {
        private final int keepAtMost;
        byte[] bytes;
        private byte[] scratch;
        long size;

        Output(int keepAtMost, int initial) {
            this.keepAtMost = keepAtMost;
            this.bytes = new byte[initial];
        }

        boolean kept() {
            return bytes != null;
        }

        void makeRoom() {
            if (bytes == null || size < bytes.length) {
                return;
            }
            if (bytes.length < keepAtMost) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(keepAtMost, bytes.length * 2L));
            } else {
                bytes = null;
                scratch = new byte[SCRATCH];
            }
        }

        byte[] buffer() {
            return bytes != null ? bytes : scratch;
        }

        int at() {
            return bytes != null ? (int) size : 0;
        }

        int room() {
            return bytes != null ? bytes.length - (int) size : scratch.length;
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
