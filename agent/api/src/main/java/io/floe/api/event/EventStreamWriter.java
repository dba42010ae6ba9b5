package io.floe.api.event;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Builds an {@link EventStream}: entries as {@code [EventTime, record]}, with the record either already
 * msgpack (copied as is) or a map (encoded). Not thread-safe; one writer per batch.
 */
public final class EventStreamWriter {
    private byte[] buf;
    private int pos;
    private int count;

    public EventStreamWriter(int initialCapacity) {
        this.buf = new byte[Math.max(64, initialCapacity)];
    }

    public EventStreamWriter() {
        this(1024);
    }

    /** Appends an entry whose record is already msgpack-encoded. */
    public EventStreamWriter add(long seconds, int nanos, byte[] record, int off, int len) {
        ensure(1 + 10 + len);
        buf[pos++] = (byte) 0x92; // fixarray of 2
        writeEventTime(seconds, nanos);
        System.arraycopy(record, off, buf, pos, len);
        pos += len;
        count++;
        return this;
    }

    public EventStreamWriter add(long seconds, int nanos, byte[] record) {
        return add(seconds, nanos, record, 0, record.length);
    }

    public EventStreamWriter add(EventTime time, Map<String, ?> record) {
        byte[] r = Records.encode(record);
        return add(time.seconds(), time.nanos(), r, 0, r.length);
    }

    public EventStreamWriter add(Event e) {
        return add(e.time(), e.record());
    }

    /** Appends entries already encoded, e.g. a whole PackedForward body. */
    public EventStreamWriter addEncoded(EventStream s) {
        ensure(s.length());
        System.arraycopy(s.array(), s.offset(), buf, pos, s.length());
        pos += s.length();
        count += s.count();
        return this;
    }

    private void writeEventTime(long seconds, int nanos) {
        buf[pos++] = (byte) 0xd7; // fixext 8
        buf[pos++] = 0; // EventTime
        putInt((int) seconds);
        putInt(nanos);
    }

    private void putInt(int v) {
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }

    public int count() {
        return count;
    }

    public int size() {
        return pos;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** The stream so far; the writer must not be used afterwards unless {@link #reset()} is called. */
    public EventStream build() {
        EventStream s = new EventStream(buf, 0, pos, count);
        buf = new byte[Math.min(buf.length, 1 << 16)];
        pos = 0;
        count = 0;
        return s;
    }

    public void reset() {
        pos = 0;
        count = 0;
    }

    public static EventStream encode(Iterable<Event> events) throws IOException {
        EventStreamWriter w = new EventStreamWriter();
        for (Event e : events) {
            w.add(e);
        }
        return w.build();
    }
}
