package io.floe.buffer.file;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** A chunk's 128-bit id: 32 hex characters as Fluentd names chunks, two longs in the journal. */
record ChunkId(long hi, long lo) {

    static ChunkId random() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new ChunkId(System.currentTimeMillis() << 16 | (r.nextInt() & 0xffff), r.nextLong());
    }

    String hex() {
        HexFormat h = HexFormat.of();
        return h.toHexDigits(hi) + h.toHexDigits(lo);
    }
}
