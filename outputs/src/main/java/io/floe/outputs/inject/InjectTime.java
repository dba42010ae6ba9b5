package io.floe.outputs.inject;

import io.floe.outputs.format.TimeFormat;
import java.nio.charset.StandardCharsets;

/** The value {@code time_key} gets, packed: Fluentd's float, unixtime or formatted string. */
record InjectTime(InjectConfig.TimeType type, TimeFormat format) {

    byte[] packed(long sec, int nsec) {
        return switch (type) {
            case FLOAT -> packDouble(seconds(sec, nsec));
            case UNIXTIME -> PackedBuffer.integer(sec);
            case STRING -> PackedBuffer.str(format.format(sec, nsec).getBytes(StandardCharsets.UTF_8));
        };
    }

    /**
     * Fluentd's {@code time.to_r.truncate(6).to_f}: whole microseconds, truncated toward zero, then the
     * nearest double. Microseconds since the epoch fit a long exactly and a double exactly (below 2^53), so
     * one division rounds once, as Ruby's Rational#to_f does.
     */
    static double seconds(long sec, int nsec) {
        long micros = sec * 1_000_000 + nsec / 1000;
        if (sec < 0 && nsec % 1000 != 0) {
            micros++; // the time is negative: truncating its sub-microsecond part goes up
        }
        return micros / 1e6;
    }

    private static byte[] packDouble(double d) {
        long bits = Double.doubleToLongBits(d);
        byte[] out = new byte[9];
        out[0] = (byte) 0xcb;
        for (int i = 0; i < 8; i++) {
            out[1 + i] = (byte) (bits >>> (56 - 8 * i));
        }
        return out;
    }
}
