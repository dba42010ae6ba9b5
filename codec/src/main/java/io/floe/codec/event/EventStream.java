package io.floe.codec.event;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Events as the forward protocol's PackedForward carries them: a run of msgpack {@code [time, record]}
 * entries, kept as bytes from the socket to the buffer to the output. Nothing is decoded until a filter
 * or an output needs a field. Immutable; the bytes are not copied, so the owner must not reuse them.
 */
public final class EventStream {
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final int count;

    public EventStream(byte[] bytes, int offset, int length, int count) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.count = count;
    }

    public static EventStream of(byte[] bytes, int count) {
        return new EventStream(bytes, 0, bytes.length, count);
    }

    public byte[] array() {
        return bytes;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** Number of events. */
    public int count() {
        return count;
    }

    /** A copy of the bytes, exactly {@link #length()} long. */
    public byte[] toByteArray() {
        byte[] out = new byte[length];
        System.arraycopy(bytes, offset, out, 0, length);
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
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes, offset, length)) {
            while (u.hasNext()) {
                int n = u.unpackArrayHeader();
                if (n < 2) {
                    throw new IOException("event entry has " + n + " elements, expected [time, record]");
                }
                long[] t = readTime(u);
                int start = (int) u.getTotalReadBytes();
                u.skipValue();
                int end = (int) u.getTotalReadBytes();
                for (int i = 2; i < n; i++) {
                    u.skipValue();
                }
                visitor.entry(t[0], (int) t[1], bytes, offset + start, end - start);
            }
        }
    }

    /** Receives each entry with its record as a {@link MsgpackRecord} and where its bytes are. */
    @FunctionalInterface
    public interface RecordVisitor {
        void entry(long seconds, int nanos, MsgpackRecord record, byte[] buf, int recordOffset, int recordLength) throws IOException;
    }

    /**
     * Walks the entries with one unpacker, giving each record as a {@link MsgpackRecord}: its keys read,
     * its values left in the bytes until asked for. What a filter chain works on.
     */
    public void forEachRecord(RecordVisitor visitor) throws IOException {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes, offset, length)) {
            while (u.hasNext()) {
                int n = u.unpackArrayHeader();
                if (n < 2) {
                    throw new IOException("event entry has " + n + " elements, expected [time, record]");
                }
                long[] t = readTime(u);
                int start = (int) u.getTotalReadBytes();
                MsgpackRecord record = MsgpackRecord.read(u, bytes, offset);
                int end = (int) u.getTotalReadBytes();
                for (int i = 2; i < n; i++) {
                    u.skipValue();
                }
                visitor.entry(t[0], (int) t[1], record, bytes, offset + start, end - start);
            }
        }
    }

    /** Decodes every event; for filters and tests, not for the hot path. */
    public List<Event> decode() throws IOException {
        List<Event> out = new ArrayList<>(count);
        forEach((s, ns, buf, off, len) -> out.add(new Event(new EventTime(s, ns), Records.decode(buf, off, len))));
        return out;
    }

    static long[] readTime(MessageUnpacker u) throws IOException {
        MessageFormat f = u.getNextFormat();
        ValueType vt = f.getValueType();
        switch (vt) {
            case INTEGER:
                return new long[] {u.unpackLong(), 0};
            case FLOAT: {
                double d = u.unpackDouble();
                long s = (long) Math.floor(d);
                return new long[] {s, Math.round((d - s) * 1e9)};
            }
            case EXTENSION: {
                var h = u.unpackExtensionTypeHeader();
                if (h.getType() != 0 || h.getLength() != 8) {
                    throw new IOException("event time is ext type " + h.getType() + " of " + h.getLength()
                            + " bytes, expected EventTime (type 0, 8 bytes)");
                }
                byte[] b = u.readPayload(8);
                long s = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
                long ns = ((b[4] & 0xffL) << 24) | ((b[5] & 0xffL) << 16) | ((b[6] & 0xffL) << 8) | (b[7] & 0xffL);
                return new long[] {s, ns};
            }
            case ARRAY: {
                // Fluent Bit's [[time, metadata], record] form: the metadata is not carried further.
                int n = u.unpackArrayHeader();
                if (n < 1) {
                    throw new IOException("event time array is empty");
                }
                long[] t = readTime(u);
                for (int i = 1; i < n; i++) {
                    u.skipValue();
                }
                return t;
            }
            default:
                throw new IOException("event time is a msgpack " + vt.name().toLowerCase() + ", expected an integer or EventTime");
        }
    }
}
