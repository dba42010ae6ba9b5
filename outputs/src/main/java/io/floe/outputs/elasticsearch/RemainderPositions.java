package io.floe.outputs.elasticsearch;

import io.floe.api.Chunk;
import io.floe.codec.event.EventStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;

/**
 * Where the events of a chunk's remainder sat in the chunk as first written, so that {@code id_generation
 * deterministic} gives a retried event the very id it had the first time.
 *
 * <p>Why: an attempt can index an event and never say so (a timeout, an answer cut off), and the next attempt can see
 * that same event refused with 429 (the shard's queue was full, so Elasticsearch never looked for the id). If the
 * remainder's events then got ids of their own, that event would be indexed twice.
 *
 * <p>The engine may put a remainder back under a new chunk id (the buffer rebuilds it), so a remainder is recognised
 * by what it holds: its tags and event bytes, compared by SHA-256 — a false match would make a 409 hide a loss.
 * Kept in memory for the remainders now being retried (capped: one the engine gives up on is forgotten in time).
 * After a restart a remainder falls back to ids of its own ({@link DocumentIds}), which never collide with those of
 * events already written.
 */
final class RemainderPositions {
    private static final int MAX_REMAINDERS = 10_000;

    /** The chunk as first written (id, event count) and, for each event of the remainder in order, its position then. */
    record Origin(String chunkId, int count, int[] positions) {
    }

    private record Pending(int records, long bytes, byte[] digest, Origin origin) {
    }

    private final Deque<Pending> pending = new ArrayDeque<>();

    /** Null when the chunk is not a remainder this process handed back. */
    synchronized Origin of(Chunk chunk) {
        long bytes = bytes(chunk);
        byte[] digest = null;
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.records() != chunk.records() || p.bytes() != bytes) {
                continue;
            }
            if (digest == null) {
                digest = digest(chunk);
            }
            if (Arrays.equals(digest, p.digest())) {
                it.remove();
                return p.origin();
            }
        }
        return null;
    }

    /**
     * After a write: the events handed back for retry (at {@code retried} positions of the chunk as first written)
     * keep their first ids when they come back. {@code remainder} is what the write handed back.
     */
    synchronized void handedBack(Chunk chunk, Origin origin, Chunk remainder, int[] retried) {
        if (retried.length == 0) {
            return;
        }
        Origin first = origin != null ? new Origin(origin.chunkId(), origin.count(), retried)
                : new Origin(chunk.id(), chunk.records(), retried);
        pending.addLast(new Pending(remainder.records(), bytes(remainder), digest(remainder), first));
        while (pending.size() > MAX_REMAINDERS) {
            pending.removeFirst();
        }
    }

    /** Written again whole (the write failed as a whole): the same origin stands for the next attempt. */
    synchronized void unchanged(Chunk chunk, Origin origin) {
        if (origin != null) {
            pending.addLast(new Pending(chunk.records(), bytes(chunk), digest(chunk), origin));
        }
    }

    private static long bytes(Chunk chunk) {
        long n = 0;
        for (Chunk.Tagged t : chunk.streams()) {
            n += t.events().length();
        }
        return n;
    }

    private static byte[] digest(Chunk chunk) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            String tag = null;
            for (Chunk.Tagged t : chunk.streams()) {
                // Adjacent streams of one tag count as one: the buffer may join them when it rebuilds a remainder.
                if (!t.tag().equals(tag)) {
                    tag = t.tag();
                    md.update((byte) 0);
                    md.update(tag.getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                }
                EventStream s = t.events();
                md.update(s.array(), s.offset(), s.length());
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
