package io.floe.outputs.elasticsearch;

import io.floe.api.Chunk;
import io.floe.codec.event.JsonBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a chunk into {@code _bulk} request bodies (NDJSON: an action line and a document line per event), streaming
 * each msgpack record straight into JSON. Pure: no I/O, no clock, so every byte it writes can be checked in a unit
 * test. A body is handed on and a new one started before it would pass {@code maxBytes}
 * ({@code bulk_message_request_threshold}); one event always fits, however large.
 *
 * <p>A body is handed to a {@link BulkSink} as soon as it is complete, and the same body is filled again after the
 * sink returns: a file buffer's chunk (256 MiB by default) is larger than the heap an agent in a 200 MiB container
 * has, so at most one request's body of a chunk ever exists.
 */
final class BulkBodyEncoder {

    /** Fluentd's write_operation; update and upsert both send an {@code update} action. */
    enum Op {
        INDEX("index"), CREATE("create"), UPDATE("update"), UPSERT("update");

        final String action;
        /** The action line up to the index name's value: {@code {"index":{"_index":}. */
        final byte[] head;

        Op(String action) {
            this.action = action;
            this.head = ("{\"" + action + "\":{\"_index\":").getBytes(StandardCharsets.US_ASCII);
        }
    }

    record Settings(Op op, boolean deterministicIds, IndexNamer namer, DocumentWriter.Settings doc, long maxBytes) {
    }

    /** One request body and the events its items are, in order. */
    record Bulk(ByteSink body, BulkItems items) {
    }

    /** Receives each complete bulk; its body and items are reused for the next bulk once this returns. */
    @FunctionalInterface
    interface BulkSink {
        void bulk(Bulk bulk) throws IOException;
    }

    /** The events that cannot be sent at all, each with the plugin's reason (a record that is not a map, an update without an id). */
    record Invalid(BulkItems items, List<String> reasons) {
    }

    /** Every body of a chunk at once, copied: for tests that look at the bodies, never for a chunk of the buffer. */
    record Encoded(List<Bulk> bulks, BulkItems invalid, List<String> invalidReasons) {
        int items() {
            return bulks.stream().mapToInt(b -> b.items().size()).sum();
        }
    }

    private final Settings s;

    BulkBodyEncoder(Settings settings) {
        this.s = settings;
    }

    Settings settings() {
        return s;
    }

    Encoded encode(Chunk chunk) throws IOException {
        List<Bulk> bulks = new ArrayList<>();
        Invalid invalid = encode(chunk, null, b -> {
            ByteSink body = new ByteSink(b.body().size());
            body.write(b.body().array(), 0, b.body().size());
            bulks.add(new Bulk(body, b.items().copy()));
        });
        return new Encoded(List.copyOf(bulks), invalid.items(), invalid.reasons());
    }

    /**
     * Hands {@code sink} the chunk's bulks one after the other, each as soon as it is complete.
     * {@code origin}: where a remainder's events sat in the chunk as first written; null for a chunk written whole.
     * Exceptions of the sink pass through as they are.
     */
    Invalid encode(Chunk chunk, RemainderPositions.Origin origin, BulkSink sink) throws IOException {
        return new Session(chunk, origin, sink).run();
    }

    /** The state of one encoding; the encoder itself is shared by the flush threads. */
    private final class Session {
        private final Chunk chunk;
        private final DocumentWriter writer = new DocumentWriter(s.doc());
        private final DocumentIds ids;
        private final int[] originalPositions;
        private final JsonBytes action = new JsonBytes(256);
        // The last index name's JSON string: consecutive events nearly always share it.
        private String lastIndex;
        private final JsonBytes indexJson = new JsonBytes(64);
        private final BulkSink sink;
        private final BulkItems invalid = new BulkItems();
        private final List<String> reasons = new ArrayList<>();
        private final String missingId = "Missing '_id' field. Write operation is " + s.op().name().toLowerCase(Locale.ROOT);
        /** The one body of this chunk, refilled after each request; created with the first event. */
        private Bulk current;
        private int position;

        Session(Chunk chunk, RemainderPositions.Origin origin, BulkSink sink) {
            this.chunk = chunk;
            this.sink = sink;
            this.originalPositions = origin != null ? origin.positions() : null;
            this.ids = s.deterministicIds() ? (origin != null ? new DocumentIds(origin.chunkId(), origin.count())
                    : new DocumentIds(chunk.id(), chunk.records())) : null;
        }

        private int chunkPosition() {
            return originalPositions != null ? originalPositions[position] : position;
        }

        Invalid run() throws IOException {
            List<Chunk.Tagged> streams = chunk.streams();
            for (int i = 0; i < streams.size(); i++) {
                int streamIndex = i;
                Chunk.Tagged stream = streams.get(i);   // a file chunk reads the batch from disk on each get()
                String tag = stream.tag();
                IndexNamer.Names names = s.namer().forStream(chunk, tag);
                stream.events().forEach((sec, nsec, buf, off, len) -> {
                    event(streamIndex, tag, names, sec, nsec, buf, off, len);
                    position++;
                });
            }
            if (current != null && current.items().size() > 0) {
                sink.bulk(current);
            }
            return new Invalid(invalid, List.copyOf(reasons));
        }

        private void event(int stream, String tag, IndexNamer.Names names, long sec, int nsec, byte[] buf, int off,
                int len) throws IOException {
            if (!writer.write(buf, off, len, tag, sec, nsec)) {
                invalid.add(stream, sec, nsec, off, len, chunkPosition());
                reasons.add("record is not a map");
                return;
            }
            String id = writer.id() != null ? writer.id() : ids != null ? ids.id(chunkPosition()) : null;
            if (id == null && (s.op() == Op.UPDATE || s.op() == Op.UPSERT)) {
                invalid.add(stream, sec, nsec, off, len, chunkPosition());
                reasons.add(missingId);
                return;
            }
            String index;
            if (writer.targetIndex() != null) {
                index = writer.targetIndex().toLowerCase(Locale.ROOT);
            } else if (s.namer().logstashFormat()) {
                EsTime.At at = writer.time(sec, nsec);
                index = names.index(at.seconds(), at.offset());
            } else {
                index = names.index(sec, ZoneOffset.UTC);   // index_name: the time plays no part
            }
            actionLine(index, id);
            JsonBytes doc = writer.document();
            int wrapper = s.op() == Op.UPDATE ? DOC_OPEN.length + UPDATE_CLOSE.length
                    : s.op() == Op.UPSERT ? DOC_OPEN.length + UPSERT_CLOSE.length : 0;
            int size = action.size() + doc.size() + wrapper + 2;
            if (current == null) {
                long guess = chunk.bytes() * 3 / 2 + 96L * chunk.records();   // JSON is larger than msgpack
                current = new Bulk(new ByteSink((int) Math.min(s.maxBytes() > 0 ? s.maxBytes() : guess, Math.min(guess, 1 << 28))),
                        new BulkItems());
            } else if (s.maxBytes() > 0 && current.body().size() > 0 && current.body().size() + size > s.maxBytes()) {
                sink.bulk(current);
                current.body().reset();
                current.items().clear();
            }
            ByteSink body = current.body();
            body.write(action.array(), 0, action.size());
            body.write('\n');
            if (s.op() == Op.UPDATE || s.op() == Op.UPSERT) {
                body.write(DOC_OPEN, 0, DOC_OPEN.length);
                body.write(doc.array(), 0, doc.size());
                byte[] close = s.op() == Op.UPSERT ? UPSERT_CLOSE : UPDATE_CLOSE;
                body.write(close, 0, close.length);
            } else {
                body.write(doc.array(), 0, doc.size());
            }
            body.write('\n');
            current.items().add(stream, sec, nsec, off, len, chunkPosition());
        }

        /** {@code {"index":{"_index":"logs","_id":"r-1"}}}, as Jackson wrote it before. */
        private void actionLine(String index, String id) {
            action.reset();
            action.raw(s.op().head);
            if (!index.equals(lastIndex)) {
                indexJson.reset();
                indexJson.string(index);
                lastIndex = index;
            }
            action.raw(indexJson.array(), 0, indexJson.size());
            if (id != null) {
                action.raw(ID_FIELD);
                action.string(id);
            }
            action.put('}');
            action.put('}');
        }
    }

    private static final byte[] ID_FIELD = ",\"_id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DOC_OPEN = "{\"doc\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UPDATE_CLOSE = "}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UPSERT_CLOSE = ",\"doc_as_upsert\":true}".getBytes(StandardCharsets.US_ASCII);
}
