package io.floe.outputs.elasticsearch;

import io.floe.api.Chunk;
import io.floe.api.UnrecoverableException;
import io.floe.api.WriteResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Sorts a chunk's bulk items into written, to retry and rejected, and turns that into the engine's WriteResult:
 * 2xx and a {@code create}'s 409 (already there) are written; 429, 408, 5xx and other 409s are worth another try;
 * every other 4xx (a mapping conflict, a bad index name, a missing document) can never succeed as it is and is
 * rejected with Elasticsearch's reason, so it reaches {@code @ERROR} instead of being retried forever or dropped.
 */
final class BulkOutcome {
    private final List<Chunk.Tagged> streams;
    private final BulkBodyEncoder.Op op;
    private final List<Chunk.Tagged> retry = new ArrayList<>();
    private final List<Chunk.Tagged> rejected = new ArrayList<>();
    /** The chunk positions of the events in {@link #retry}, in the same order. */
    private int[] retryPositions = new int[16];
    private int retryCount;
    /** The msgpack bytes of the events in {@link #retry}: the copies this write holds until it returns. */
    private long retryBytes;
    private final long maxRetryBytes;
    private final Map<String, Integer> retryReasons = new LinkedHashMap<>();
    private final Map<String, Integer> rejectReasons = new LinkedHashMap<>();
    private int written;

    /** {@code maxBytes}: bulk_message_request_threshold, or -1 for one request per chunk (then no bound). */
    BulkOutcome(Chunk chunk, BulkBodyEncoder.Op op, long maxBytes) {
        this.streams = chunk.streams();
        this.op = op;
        this.maxRetryBytes = maxBytes < 0 ? -1 : Math.max(maxBytes, 8L << 20);
    }

    /**
     * The events to retry are copies held on the heap until the write returns; past one request's worth, and at least
     * 8 MiB (a memory buffer's whole chunk, which sits on the heap anyway), the whole chunk goes back instead, as it
     * would after a crash: a 429 storm or a request failing early in a 256 MiB file chunk would otherwise copy most
     * of the chunk. Events already indexed are then sent again: id_generation deterministic makes that harmless
     * (create answers 409); without it they are indexed twice, which an OutOfMemoryError and the restart's replay
     * of the whole chunk would have done as well.
     */
    static final class TooMuchToRetry extends IOException {
        TooMuchToRetry(long bytes, String why) {
            super("the events to retry would pass " + bytes + " bytes (bulk_message_request_threshold, at least 8 MiB), "
                    + "so the whole chunk is retried; " + why);
        }
    }

    private void reserve(BulkItems items, IntPredicate which, String why) throws TooMuchToRetry {
        long more = 0;
        for (int i = 0; i < items.size(); i++) {
            if (which.test(i)) {
                more += items.entryBytes(i);
            }
        }
        if (maxRetryBytes > 0 && retryBytes > 0 && retryBytes + more > maxRetryBytes) {
            throw new TooMuchToRetry(retryBytes + more, why);
        }
        retryBytes += more;
    }

    enum Kind { WRITTEN, RETRY, REJECT }

    static Kind classify(int status, BulkBodyEncoder.Op op) {
        if (status >= 200 && status < 300 || status == 409 && op == BulkBodyEncoder.Op.CREATE) {
            return Kind.WRITTEN;
        }
        if (status == 429 || status == 408 || status == 409 || status >= 500 || status < 100) {
            return Kind.RETRY;
        }
        return Kind.REJECT;
    }

    /** The plugin's wording for an event Elasticsearch refused (what log_es_400_reason shows). */
    static String rejectedReason(int status, String type, String reason) {
        return status + " - Rejected by Elasticsearch [error type]: " + type + " [reason]: " + reason;
    }

    /** Told after the requests (the encoder finds these as it goes); they lead the rejected events, as they always did. */
    void invalid(BulkItems items, List<String> reasons) {
        if (items.size() == 0) {
            return;
        }
        rejected.addAll(0, items.select(streams, i -> true));
        for (String r : reasons) {
            rejectReasons.merge(r, 1, Integer::sum);
        }
    }

    void response(BulkItems items, List<BulkResponseParser.Item> results) throws UnrecoverableException, TooMuchToRetry {
        if (results.size() != items.size()) {
            throw new UnrecoverableException("The number of records submitted " + items.size()
                    + " do not match the number returned " + results.size() + ". Unable to process bulk response.");
        }
        Kind[] kinds = new Kind[results.size()];
        int toRetry = 0;
        for (int i = 0; i < kinds.length; i++) {
            BulkResponseParser.Item it = results.get(i);
            kinds[i] = classify(it.status(), op);
            if (kinds[i] == Kind.WRITTEN) {
                written++;
            } else if (kinds[i] == Kind.RETRY) {
                toRetry++;
                retryReasons.merge(it.status() + " " + it.type() + ": " + it.reason(), 1, Integer::sum);
            } else {
                rejectReasons.merge(rejectedReason(it.status(), it.type(), it.reason()), 1, Integer::sum);
            }
        }
        if (toRetry > 0) {
            reserve(items, i -> kinds[i] == Kind.RETRY, "Elasticsearch answered items with 429, 408, 409 or 5xx");
        }
        retry.addAll(items.select(streams, i -> kinds[i] == Kind.RETRY));
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == Kind.RETRY) {
                retryPosition(items.chunkPosition(i));
            }
        }
        rejected.addAll(items.select(streams, i -> kinds[i] == Kind.REJECT));
    }

    /** A whole request that failed after others of the same chunk went through: only its items are retried. */
    void retryAll(BulkItems items, String reason) throws TooMuchToRetry {
        reserve(items, i -> true, reason);
        retry.addAll(items.select(streams, i -> true));
        for (int i = 0; i < items.size(); i++) {
            retryPosition(items.chunkPosition(i));
        }
        retryReasons.merge(reason, items.size(), Integer::sum);
    }

    private void retryPosition(int p) {
        if (retryCount == retryPositions.length) {
            retryPositions = Arrays.copyOf(retryPositions, retryCount * 2);
        }
        retryPositions[retryCount++] = p;
    }

    /** Where each event handed back for retry sat in the chunk as first written, in the order they are handed back. */
    int[] retryPositions() {
        return Arrays.copyOf(retryPositions, retryCount);
    }

    void rejectAll(BulkItems items, String reason) {
        rejected.addAll(items.select(streams, i -> true));
        rejectReasons.merge(reason, items.size(), Integer::sum);
    }

    int written() {
        return written;
    }

    WriteResult result() {
        if (retry.isEmpty() && rejected.isEmpty()) {
            return WriteResult.ok();
        }
        StringBuilder b = new StringBuilder();
        describe(b, rejectReasons, "");
        describe(b, retryReasons, "to retry: ");
        return WriteResult.partial(retry, rejected, b.toString());
    }

    /** The distinct reasons with their counts, the first few only: one chunk can fail the same way 10,000 times. */
    private static void describe(StringBuilder b, Map<String, Integer> reasons, String label) {
        int shown = 0;
        for (Map.Entry<String, Integer> e : reasons.entrySet()) {
            if (shown == 3) {
                b.append(" (and ").append(reasons.size() - 3).append(" more reasons)");
                break;
            }
            b.append(b.length() == 0 ? "" : "; ").append(label).append(e.getKey());
            if (e.getValue() > 1) {
                b.append(" (").append(e.getValue()).append(" events)");
            }
            shown++;
        }
    }
}
