package io.floe.api;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chunk ids in Fluentd's shape: 128 bits as 32 hex characters. Ids name chunks and backup files; they
 * need to be unique, not secret, so a thread-local generator keeps them cheap on the emit path.
 */
public final class ChunkIds {
    private ChunkIds() {
    }

    public static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(System.currentTimeMillis() << 16 | (r.nextInt() & 0xffff)) + hex.toHexDigits(r.nextLong());
    }
}
