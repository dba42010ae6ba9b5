package io.floe.codec.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.buffer.MessageBuffer;
import org.msgpack.core.buffer.MessageBufferOutput;

/**
 * Builds an {@link EventStream}: entries as {@code [EventTime, record]}, with the record either already
 * msgpack (copied as is) or a map (encoded). Not thread-safe; one writer per batch.
 */
public final class EventStreamWriter {
    private byte[] buf;
    private MessagePacker packer;
    private final byte[] timeBytes = new byte[8];
    /** The packer holds bytes not yet in buf. */
    private boolean packing;
    private int pos;
    private int count;

    public EventStreamWriter(int initialCapacity) {
        this.buf = new byte[Math.max(64, initialCapacity)];
    }

    public EventStreamWriter() {
        this(1024);
    }

    /** The bytes {@link #add(long, int, byte[], int, int)} takes for a record of {@code recordBytes}. */
    public static int entryBytes(int recordBytes) {
        return 1 + 10 + recordBytes;
    }

    /** Appends an entry whose record is already msgpack-encoded. */
    public EventStreamWriter add(long seconds, int nanos, byte[] record, int off, int len) {
        sync();
        ensure(entryBytes(len));
        buf[pos++] = (byte) 0x92; // fixarray of 2
        writeEventTime(seconds, nanos);
        System.arraycopy(record, off, buf, pos, len);
        pos += len;
        count++;
        return this;
    }

    /**
     * Appends an entry with its time as a plain integer of seconds, the form Fluentd v0.12 and out_forward's
     * {@code time_as_integer} use.
     */
    public EventStreamWriter addWithIntegerTime(long seconds, byte[] record, int off, int len) {
        sync();
        ensure(1 + 9 + len);
        buf[pos++] = (byte) 0x92; // fixarray of 2
        if (seconds >= 0 && seconds < 128) {
            buf[pos++] = (byte) seconds; // positive fixint
        } else if (seconds >= 0 && seconds <= 0xffff_ffffL) {
            buf[pos++] = (byte) 0xce; // uint 32, what a Unix time in seconds takes
            putInt((int) seconds);
        } else {
            buf[pos++] = (byte) 0xd3; // int 64
            putInt((int) (seconds >>> 32));
            putInt((int) seconds);
        }
        System.arraycopy(record, off, buf, pos, len);
        pos += len;
        count++;
        return this;
    }

    public EventStreamWriter add(long seconds, int nanos, byte[] record) {
        return add(seconds, nanos, record, 0, record.length);
    }

    /**
     * Appends an entry whose record is encoded here. The packer writes straight into buf (see Output): no
     * buffer per record, no copy after; it is flushed only when something else touches buf ({@link #sync}).
     */
    public EventStreamWriter add(EventTime time, Map<String, ?> record) {
        if (packer == null) {
            packer = MessagePack.newDefaultPacker(new Output());
        }
        try {
            packer.packArrayHeader(2);
            packer.packExtensionTypeHeader((byte) 0, 8); // EventTime
            int s = (int) time.seconds();
            int ns = time.nanos();
            for (int i = 0; i < 4; i++) {
                timeBytes[i] = (byte) (s >>> (24 - 8 * i));
                timeBytes[4 + i] = (byte) (ns >>> (24 - 8 * i));
            }
            packer.writePayload(timeBytes);
            Records.write(packer, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        packing = true;
        count++;
        return this;
    }

    /** Moves what the packer holds into buf, so that pos is the end of the stream again. */
    private void sync() {
        if (packing) {
            try {
                packer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            packing = false;
        }
    }

    /** Lets a MessagePacker write at the end of {@code buf}, growing it as needed. */
    private final class Output implements MessageBufferOutput {
        @Override
        public MessageBuffer next(int minimumSize) {
            ensure(Math.max(minimumSize, 256));
            return MessageBuffer.wrap(buf, pos, buf.length - pos);
        }

        @Override
        public void writeBuffer(int length) {
            pos += length;
        }

        @Override
        public void write(byte[] src, int off, int len) {
            ensure(len);
            System.arraycopy(src, off, buf, pos, len);
            pos += len;
        }

        @Override
        public void add(byte[] src, int off, int len) {
            write(src, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    public EventStreamWriter add(Event e) {
        return add(e.time(), e.record());
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
        sync();
        return pos;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** The stream so far; the writer must not be used afterwards unless {@link #reset()} is called. */
    public EventStream build() {
        sync();
        EventStream s = new EventStream(buf, 0, pos, count);
        buf = new byte[Math.min(buf.length, 1 << 16)];
        pos = 0;
        count = 0;
        return s;
    }

    public void reset() {
        sync();
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
