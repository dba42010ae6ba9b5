package io.floe.bench;

import io.floe.testkit.ForwardClient;
import java.io.IOException;
import java.util.Locale;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** Builds forward-protocol entries: Docker-like records, numbered so a test can find every one. */
public final class Entries {
    private Entries() {
    }

    /**
     * A record shaped like what Docker's fluentd driver sends ({@code container_id}, {@code container_name},
     * {@code source}, {@code log}), padded to about {@code size} bytes, carrying {@code seq}.
     */
    public static byte[] dockerRecord(long seq, int size) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(5);
            p.packString("container_id").packString("be8483ef94e311cad9ae4e8504765c3a2f6e4c0ac9ca13e077f1e11f2f83444c");
            p.packString("container_name").packString("/shop-web-" + (seq % 7));
            p.packString("source").packString(seq % 5 == 0 ? "stderr" : "stdout");
            p.packString("seq").packLong(seq);
            String head = String.format(Locale.ROOT, "2026-11-21T06:46:31.%03dZ INFO [http-exec-%d] GET /api/orders/%d 200 ", seq % 1000, seq % 16, seq);
            int pad = Math.max(0, size - 150 - head.length());
            p.packString("log").packString(head + "x".repeat(pad));
            return p.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A record as a container that logs JSON produces through Docker's json-file driver and a tailer:
     * {@code log} holds the application's JSON line (level, msg, method, path, status, duration, seq), with
     * {@code stream} and {@code time} beside it. Every tenth is a {@code GET /healthz} probe, the line a
     * grep filter usually drops. Padded to about {@code size} bytes.
     */
    public static byte[] jsonLogRecord(long seq, int size) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            String path = seq % 10 == 0 ? "/healthz" : "/api/orders/" + seq;
            String head = String.format(Locale.ROOT,
                    "{\"level\":\"info\",\"seq\":%d,\"method\":\"GET\",\"path\":\"%s\",\"status\":200,\"duration_ms\":%d.%d,\"msg\":\"",
                    seq, path, seq % 97, seq % 10);
            int pad = Math.max(0, size - 60 - head.length());
            p.packMapHeader(3);
            p.packString("log").packString(head + "request served " + "x".repeat(Math.max(0, pad - 20)) + "\"}\n");
            p.packString("stream").packString("stdout");
            p.packString("time").packString(String.format(Locale.ROOT, "2026-11-21T06:46:31.%09dZ", seq % 1_000_000_000L));
            return p.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The shapes of record the load generator can send. */
    public enum Shape {
        /** {@link #dockerRecord}: the fluentd logging driver's fields, a plain-text {@code log}. */
        DOCKER,
        /** {@link #jsonLogRecord}: a json-file line whose {@code log} is JSON, one in ten a health check. */
        JSON_LOG;

        public byte[] record(long seq, int size) {
            return this == DOCKER ? dockerRecord(seq, size) : jsonLogRecord(seq, size);
        }
    }

    /** {@code count} entries with sequence numbers {@code first..first+count-1}. */
    public static byte[] numbered(long first, int count, int recordSize, long seconds) {
        return numbered(Shape.DOCKER, first, count, recordSize, seconds);
    }

    /** {@code count} entries of the given shape with sequence numbers {@code first..first+count-1}. */
    public static byte[] numbered(Shape shape, long first, int count, int recordSize, long seconds) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            for (int i = 0; i < count; i++) {
                p.packArrayHeader(2);
                ForwardClient.packEventTime(p, seconds, (int) ((first + i) % 1_000_000_000L));
                p.writePayload(shape.record(first + i, recordSize));
            }
            return p.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
