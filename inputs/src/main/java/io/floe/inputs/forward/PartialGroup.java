package io.floe.inputs.forward;

import io.floe.codec.msgpack.MsgpackCursor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.msgpack.core.MessageBufferPacker;

/**
 * The parts of one line Docker split ({@code partial_id}), kept until the last part arrives: the first
 * part's time and record (whose other fields the joined record keeps) and each part's {@code log}
 * bytes, joined in {@code partial_ordinal} order.
 */
final class PartialGroup {
    static final Set<String> PARTIAL_KEYS = Set.of("partial_message", "partial_id", "partial_ordinal", "partial_last");

    private record Part(long ordinal, int arrival, byte[] log) {
    }

    final String tag;
    private final byte[] time;
    private final byte[] record;
    private final List<Part> parts = new ArrayList<>();
    private int logBytes;
    long lastTick;

    PartialGroup(String tag, byte[] time, byte[] record, long tick) {
        this.tag = tag;
        this.time = time;
        this.record = record;
        this.lastTick = tick;
    }

    void add(long ordinal, byte[] log, long tick) {
        parts.add(new Part(ordinal, parts.size(), log));
        logBytes += log.length;
        lastTick = tick;
    }

    /** What the group holds, for the per-connection memory cap. */
    int bytes() {
        return logBytes + record.length + time.length;
    }

    int logBytes() {
        return logBytes;
    }

    /** Writes {@code [time, record]} with the parts' logs joined and the partial_* fields gone. */
    void writeJoined(MessageBufferPacker out) throws IOException {
        parts.sort(Comparator.comparingLong(Part::ordinal).thenComparingInt(Part::arrival));
        byte[] joined = new byte[logBytes];
        int at = 0;
        for (Part p : parts) {
            System.arraycopy(p.log, 0, joined, at, p.log.length);
            at += p.log.length;
        }
        MsgpackCursor r = new MsgpackCursor(record);
        List<RecordEditor.Field> fields = RecordEditor.fields(r);
        out.packArrayHeader(2);
        out.writePayload(time);
        RecordEditor.writeMap(out, record, fields,
                f -> f.key() == null || !(PARTIAL_KEYS.contains(f.key()) || "log".equals(f.key())),
                Map.of("log", RecordEditor.rawStr(joined, joined.length)));
    }

    static byte[] copy(byte[] buf, int from, int to) {
        return Arrays.copyOfRange(buf, from, to);
    }
}
