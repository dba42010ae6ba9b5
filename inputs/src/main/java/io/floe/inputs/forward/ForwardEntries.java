package io.floe.inputs.forward;

import io.floe.codec.event.EventStream;
import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.msgpack.MsgpackType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Checks the {@code [time, record]} entries of a message the way Fluentd's in_forward judges events,
 * counting them as it goes. A stream that needs no change is returned as a slice of the bytes it came
 * in; only when an entry is dropped ({@code skip_invalid_event}) or its time is 0 or nil (which Fluentd
 * replaces with the arrival time) is a new stream written, and even then records are copied as bytes.
 */
final class ForwardEntries {
    /** How the decoder's checks turned out: the events to emit and what was dropped. */
    record Checked(EventStream events, int skipped, String skipReason) {
    }

    private final boolean skipInvalid;
    private final Clock clock;

    ForwardEntries(boolean skipInvalid, Clock clock) {
        this.skipInvalid = skipInvalid;
        this.clock = clock;
    }

    /** Checks a stream of concatenated entries (a Forward body without its array header, or a PackedForward body). */
    Checked stream(byte[] buf, int off, int len) {
        Walk first = walk(buf, off, len, null);
        if (!first.rebuild) {
            return new Checked(new EventStream(buf, off, len, first.valid), 0, null);
        }
        MessageBufferPacker out = MessagePack.newDefaultBufferPacker();
        Walk second = walk(buf, off, len, out);
        byte[] b = out.toByteArray();
        return new Checked(new EventStream(b, 0, b.length, second.valid), second.skipped, second.reason);
    }

    /** Checks Message mode's {@code time, record} at the reader's cursor and makes the one-entry stream. */
    Checked message(MsgpackCursor r) {
        byte[] buf = r.array();
        Entry e = new Entry();
        e.start = r.position();
        String problem = timeAndRecord(r, e);
        int end = e.recordEnd;
        if (problem != null) {
            return invalid(problem);
        }
        MessageBufferPacker out = MessagePack.newDefaultBufferPacker();
        write(out, buf, e, end, true);
        byte[] b = out.toByteArray();
        return new Checked(new EventStream(b, 0, b.length, 1), 0, null);
    }

    private Checked invalid(String problem) {
        if (!skipInvalid) {
            throw new ForwardProtocolException("invalid event: " + problem);
        }
        return new Checked(new EventStream(new byte[0], 0, 0, 0), 1, problem);
    }

    private static final class Entry {
        int start;
        int timeStart;
        int recordStart;
        int recordEnd;
        boolean zeroTime;
    }

    private static final class Walk {
        int valid;
        int skipped;
        String reason;
        boolean rebuild;
    }

    private Walk walk(byte[] buf, int off, int len, MessageBufferPacker out) {
        MsgpackCursor r = new MsgpackCursor(buf, off, len);
        Walk w = new Walk();
        Entry e = new Entry();
        while (r.hasNext()) {
            e.start = r.position();
            e.zeroTime = false;
            String problem = entry(r, e);
            if (problem != null) {
                if (!skipInvalid) {
                    throw new ForwardProtocolException("invalid event: " + problem);
                }
                w.skipped++;
                w.rebuild = true;
                if (w.reason == null) {
                    w.reason = problem;
                }
                continue;
            }
            w.rebuild |= e.zeroTime;
            if (out != null) {
                write(out, buf, e, r.position(), e.zeroTime);
            }
            w.valid++;
        }
        return w;
    }

    /** Reads one entry, leaving the cursor after it whatever it holds; returns the problem, or null. */
    private String entry(MsgpackCursor r, Entry e) {
        if (r.type() != MsgpackType.ARRAY) {
            String k = r.type().described();
            r.skip();
            return "entry is " + k + ", expected [time, record]";
        }
        int n = r.readArrayHeader("entry");
        if (n < 2) {
            r.skip(n);
            return "entry has " + n + " elements, expected [time, record]";
        }
        String problem = timeAndRecord(r, e);
        r.skip(n - 2);
        return problem;
    }

    /** Reads the time and the record at the cursor, noting where they are; returns the problem, or null. */
    private String timeAndRecord(MsgpackCursor r, Entry e) {
        e.timeStart = r.position();
        String problem = time(r, e);
        e.recordStart = r.position();
        if (problem == null) {
            problem = record(r);
        } else {
            r.skip();
        }
        e.recordEnd = r.position();
        return problem;
    }

    private String time(MsgpackCursor r, Entry e) {
        MsgpackType k = r.type();
        switch (k) {
            case INTEGER -> e.zeroTime = r.readLong("time") == 0;
            case FLOAT -> e.zeroTime = r.readDouble("time") == 0;
            case NIL -> {
                r.skip();
                e.zeroTime = true;
            }
            case EXTENSION -> {
                int length = r.readExtHeader("time");
                int at = r.position();
                r.position(at + length);
                if (r.extType() != 0 || length != 8) {
                    return "time is an extension of type " + r.extType() + " and " + length + " bytes, expected EventTime";
                }
                e.zeroTime = r.uint32At(at) == 0 && r.uint32At(at + 4) == 0;
            }
            case ARRAY -> {
                // Fluent Bit 2.1+: [[EventTime, metadata], record]; the metadata is kept as sent.
                int n = r.readArrayHeader("time");
                if (n < 1 || r.type() == MsgpackType.ARRAY) {
                    r.skip(n);
                    return "time is an array that does not start with a time";
                }
                String p = time(r, e);
                r.skip(n - 1);
                return p;
            }
            default -> {
                r.skip();
                return "time is " + k.described() + ", expected an integer or EventTime";
            }
        }
        return null;
    }

    private static String record(MsgpackCursor r) {
        MsgpackType k = r.type();
        r.skip();
        return k == MsgpackType.MAP ? null : "record is " + k.described() + ", expected a map";
    }


    /** Writes {@code [time, record]}; the time as sent unless it was 0 or nil, the record as sent. */
    private void write(MessageBufferPacker out, byte[] buf, Entry e, int end, boolean rewrite) {
        try {
            if (!rewrite) {
                out.writePayload(buf, e.start, end - e.start);
                return;
            }
            out.packArrayHeader(2);
            if (e.zeroTime) {
                Instant now = clock.instant();
                out.packExtensionTypeHeader((byte) 0, 8);
                out.writePayload(new byte[] {
                    (byte) (now.getEpochSecond() >>> 24), (byte) (now.getEpochSecond() >>> 16),
                    (byte) (now.getEpochSecond() >>> 8), (byte) now.getEpochSecond(),
                    (byte) (now.getNano() >>> 24), (byte) (now.getNano() >>> 16), (byte) (now.getNano() >>> 8), (byte) now.getNano()});
            } else {
                out.writePayload(buf, e.timeStart, e.recordStart - e.timeStart);
            }
            out.writePayload(buf, e.recordStart, e.recordEnd - e.recordStart);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
