package io.floe.outputs.elasticsearch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * {@code id_generation deterministic}: an {@code _id} for every event from its chunk's id, the chunk's event
 * count and the event's position, so that writing the same chunk again (a retry after a timeout, a replay after a
 * crash) reuses the same ids and {@code create} turns the copies into 409s instead of duplicates.
 *
 * <p>A chunk that partly failed comes back with only its failed events (the buffer may give it a new id); while this
 * process knows where they sat ({@link RemainderPositions}) they keep their first ids (chunk id, count and position
 * as first written). A remainder it does not know (after a restart) uses its own id and smaller count, so its ids
 * never collide with those of events already written: a 409 must never hide a loss.
 */
final class DocumentIds {
    private final byte[] prefix;
    private final int prefixLength;

    DocumentIds(String chunkId, int eventCount) {
        byte[] id = chunkIdBytes(chunkId);
        this.prefix = Arrays.copyOf(id, id.length + 10 + 5);
        this.prefixLength = putVarint(prefix, id.length, eventCount);
    }

    /** 16 bytes: the chunk id's hex, or a digest of an id that is not 32 hex characters. */
    static byte[] chunkIdBytes(String chunkId) {
        if (chunkId.length() == 32 && chunkId.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return HexFormat.of().parseHex(chunkId);
        }
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(chunkId.getBytes(StandardCharsets.UTF_8)), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of the event at {@code position} (0-based, over all of the chunk's streams in order). */
    String id(int position) {
        byte[] b = Arrays.copyOf(prefix, prefix.length);
        int end = putVarint(b, prefixLength, position);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(b, end));
    }

    private static int putVarint(byte[] b, int at, long v) {
        while ((v & ~0x7fL) != 0) {
            b[at++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        b[at++] = (byte) v;
        return at;
    }
}
