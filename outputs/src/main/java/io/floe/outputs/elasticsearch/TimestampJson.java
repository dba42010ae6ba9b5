package io.floe.outputs.elasticsearch;

import io.floe.codec.event.JsonBytes;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/**
 * Writes {@code @timestamp} values ({@link EsTime#format}) as JSON strings into a document. The date, the time to
 * the second and the offset are formatted once per second and offset, since a chunk's events mostly share them;
 * only the fraction digits are written per event. Not thread-safe: one per document writer.
 */
final class TimestampJson {
    private final int precision;
    private final StringBuilder text = new StringBuilder(32);
    private long lastSecond = Long.MIN_VALUE;
    private int lastOffset;
    /** {@code "2026-11-21T04:47:43} with its opening quote. */
    private byte[] head;
    /** {@code +00:00"} with the closing quote. */
    private byte[] tail;
    /** A dot and the nine digits of the nanoseconds, of which the first {@code precision} are written. */
    private final byte[] fraction = new byte[10];

    TimestampJson(EsTime time) {
        this.precision = time.precision();
    }

    void write(JsonBytes out, long seconds, int nanos, ZoneOffset offset) {
        if (seconds != lastSecond || offset.getTotalSeconds() != lastOffset || head == null) {
            text.setLength(0);
            EsTime.formatSeconds(text.append('"'), seconds, offset);
            head = text.toString().getBytes(StandardCharsets.US_ASCII);
            text.setLength(0);
            EsTime.formatOffset(text, offset);
            tail = text.append('"').toString().getBytes(StandardCharsets.US_ASCII);
            lastSecond = seconds;
            lastOffset = offset.getTotalSeconds();
        }
        out.raw(head);
        if (precision > 0) {
            fraction[0] = '.';
            int v = nanos;
            for (int i = 9; i > 0; i--) {   // dividing by a constant: no hardware division per digit
                fraction[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            out.raw(fraction, 0, precision + 1);
        }
        out.raw(tail);
    }
}
