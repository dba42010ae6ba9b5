package io.floe.codec.event;

import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.msgpack.MsgpackType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Events as the forward protocol's PackedForward carries them: a run of msgpack {@code [time, record]}
 * entries, kept as bytes from the socket to the buffer to the output. Nothing is decoded until a filter
 * or an output needs a field. Immutable; the bytes are not copied, so the owner must not reuse them.
 *
 * @param array the bytes the entries lie in
 * @param offset where the first entry starts
 * @param length how many bytes the entries take
 * @param count the number of events
 */
public record EventStream(byte[] array, int offset, int length, int count) {

    public static EventStream of(byte[] bytes, int count) {
        return new EventStream(bytes, 0, bytes.length, count);
    }

    /** A copy of the bytes, exactly {@link #length()} long. */
    public byte[] toByteArray() {
        byte[] out = new byte[length];
        System.arraycopy(array, offset, out, 0, length);
        return out;
    }

    /** Receives each entry: its time and where its record's msgpack bytes are. */
    @FunctionalInterface
    public interface EntryVisitor {
        void entry(long seconds, int nanos, byte[] buf, int recordOffset, int recordLength) throws IOException;
    }

    /**
     * Walks the entries without decoding records. Accepts a time as any msgpack integer, a float, an
     * EventTime ext, or Fluent Bit's {@code [EventTime, metadata]} pair.
     */
    public void forEach(EntryVisitor visitor) throws IOException {
        walk((c, time, start) -> {
            c.skip();
            visitor.entry(time[0], (int) time[1], array, start, c.position() - start);
        });
    }

    /** Receives each entry with its record as a {@link MsgpackRecord} and where its bytes are. */
    @FunctionalInterface
    public interface RecordVisitor {
        void entry(long seconds, int nanos, MsgpackRecord record, byte[] buf, int recordOffset, int recordLength) throws IOException;
    }

    /**
     * Walks the entries with one cursor, giving each record as a {@link MsgpackRecord}: its keys read,
     * its values left in the bytes until asked for. What a filter chain works on.
     */
    public void forEachRecord(RecordVisitor visitor) throws IOException {
        walk((c, time, start) -> {
            MsgpackRecord record = MsgpackRecord.read(c);
            visitor.entry(time[0], (int) time[1], record, array, start, c.position() - start);
        });
    }

    /** Reads one entry's record at the cursor, given the entry's time and where the record starts; leaves the cursor after it. */
    @FunctionalInterface
    private interface RecordStep {
        void record(MsgpackCursor c, long[] time, int start) throws IOException;
    }

    /**
     * The entries one by one, the time of each read into one array for the whole walk. Malformed msgpack is
     * an unchecked {@link io.floe.codec.msgpack.MsgpackException}, as the unpacker's was; entries that are
     * msgpack but not events are an IOException.
     */
    private void walk(RecordStep step) throws IOException {
        // What an input accepted is never refused here: msgpack-java's walk before had no depth limit either.
        MsgpackCursor c = new MsgpackCursor(MsgpackCursor.ANY_DEPTH).reset(array, offset, length);
        long[] time = new long[2];
        while (c.hasNext()) {
            int n = c.readArrayHeader("event entry");
            if (n < 2) {
                throw new IOException("event entry has " + n + " elements, expected [time, record]");
            }
            readTime(c, time);
            step.record(c, time, c.position());
            c.skip(n - 2);
        }
    }

    /** Decodes every event; for filters and tests, not for the hot path. */
    public List<Event> decode() throws IOException {
        List<Event> out = new ArrayList<>(count);
        forEach((s, ns, buf, off, len) -> out.add(new Event(new EventTime(s, ns), Records.decode(buf, off, len))));
        return out;
    }

    /** Reads the time at the cursor into {@code time}: seconds, nanoseconds. */
    static void readTime(MsgpackCursor c, long[] time) throws IOException {
        MsgpackType t = c.type();
        switch (t) {
            case INTEGER -> {
                time[0] = c.readLong("event time");
                time[1] = 0;
            }
            case FLOAT -> {
                double d = c.readDouble("event time");
                long s = (long) Math.floor(d);
                time[0] = s;
                time[1] = Math.round((d - s) * 1e9);
            }
            case EXTENSION -> {
                int n = c.readExtHeader("event time");
                int at = c.position();
                if (c.extType() != 0 || n != 8) {
                    throw new IOException("event time is ext type " + c.extType() + " of " + n
                            + " bytes, expected EventTime (type 0, 8 bytes)");
                }
                c.position(at + 8);
                time[0] = c.uint32At(at);
                time[1] = c.uint32At(at + 4);
            }
            case ARRAY -> {
                // Fluent Bit's [[time, metadata], record] form: the metadata is not carried further.
                int n = c.readArrayHeader("event time");
                if (n < 1) {
                    throw new IOException("event time array is empty");
                }
                readTime(c, time);
                c.skip(n - 1);
            }
            default -> throw new IOException("event time is a msgpack " + t.name().toLowerCase() + ", expected an integer or EventTime");
        }
    }
}
