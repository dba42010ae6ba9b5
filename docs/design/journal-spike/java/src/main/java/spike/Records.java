package spike;

import java.io.IOException;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Builds one msgpack event per journal entry the way the plugin would: [EventTime ext, {field: value}].
 * Fields arrive as "NAME=value" byte runs; a field seen twice in one entry (multi-valued) becomes an array.
 * The packer's buffer is cleared per batch, as the input would hand a batch to the router.
 */
final class Records {
    private final MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
    // per-entry scratch: field bytes concatenated, with offsets
    private byte[] scratch = new byte[1 << 16];
    private int used;
    private int[] starts = new int[64];
    private int[] eqs = new int[64];
    private int[] ends = new int[64];
    private int fields;
    long entries;
    long bytesOut;

    // bit (name length % 64) set per field: a multi-valued field is only looked for when two lengths collide
    private long nameLengths;
    private boolean maybeRepeated;
    private final byte[] time = new byte[8];

    void begin() {
        used = 0;
        fields = 0;
        nameLengths = 0;
        maybeRepeated = false;
    }

    /** Room for len bytes of the next field; returns the offset to copy them to in {@link #scratch()}. */
    int reserve(int len) {
        if (used + len > scratch.length) {
            byte[] bigger = new byte[Math.max(scratch.length * 2, used + len)];
            System.arraycopy(scratch, 0, bigger, 0, used);
            scratch = bigger;
        }
        return used;
    }

    byte[] scratch() {
        return scratch;
    }

    void commitField(int len) {
        if (fields == starts.length) {
            starts = java.util.Arrays.copyOf(starts, fields * 2);
            eqs = java.util.Arrays.copyOf(eqs, fields * 2);
            ends = java.util.Arrays.copyOf(ends, fields * 2);
        }
        int eq = used;
        int end = used + len;
        while (eq < end && scratch[eq] != '=') {
            eq++;
        }
        long bit = 1L << ((eq - used) & 63);
        maybeRepeated |= (nameLengths & bit) != 0;
        nameLengths |= bit;
        starts[fields] = used;
        eqs[fields] = eq;
        ends[fields] = end;
        fields++;
        used = end;
    }

    /** Adds a field given as separate name and value (export-format reader). */
    void addField(byte[] src, int nameOff, int nameLen, int valOff, int valLen) {
        int at = reserve(nameLen + 1 + valLen);
        System.arraycopy(src, nameOff, scratch, at, nameLen);
        scratch[at + nameLen] = '=';
        System.arraycopy(src, valOff, scratch, at + nameLen + 1, valLen);
        commitField(nameLen + 1 + valLen);
    }

    void end(long realtimeUsec) throws IOException {
        long usec = realtimeUsec;
        for (int f = 0; f < fields; f++) {
            if (eqs[f] - starts[f] == 26 && startsWith(f, SOURCE_RT)) {
                usec = parseLong(eqs[f] + 1, ends[f], realtimeUsec);
            }
        }
        packer.packArrayHeader(2);
        long sec = usec / 1_000_000;
        int nsec = (int) (usec % 1_000_000) * 1000;
        putInt(time, 0, (int) sec);
        putInt(time, 4, nsec);
        packer.packExtensionTypeHeader((byte) 0, 8);
        packer.writePayload(time);
        if (!maybeRepeated) {
            packer.packMapHeader(fields);
            for (int f = 0; f < fields; f++) {
                packer.packRawStringHeader(eqs[f] - starts[f]);
                packer.writePayload(scratch, starts[f], eqs[f] - starts[f]);
                packValue(f);
            }
            entries++;
            return;
        }
        int distinct = 0;
        for (int f = 0; f < fields; f++) {
            if (firstOf(f) == f) {
                distinct++;
            }
        }
        packer.packMapHeader(distinct);
        for (int f = 0; f < fields; f++) {
            if (firstOf(f) != f) {
                continue;
            }
            int same = 0;
            for (int g = f; g < fields; g++) {
                if (sameName(f, g)) {
                    same++;
                }
            }
            packer.packRawStringHeader(eqs[f] - starts[f]);
            packer.writePayload(scratch, starts[f], eqs[f] - starts[f]);
            if (same == 1) {
                packValue(f);
            } else {
                packer.packArrayHeader(same);
                for (int g = f; g < fields; g++) {
                    if (sameName(f, g)) {
                        packValue(g);
                    }
                }
            }
        }
        entries++;
    }

    private void packValue(int f) throws IOException {
        int len = ends[f] - eqs[f] - 1;
        // journal values are bytes: the plugin would pack valid UTF-8 as str, others as bin; the check costs little
        packer.packRawStringHeader(len);
        packer.writePayload(scratch, eqs[f] + 1, len);
    }

    private int firstOf(int f) {
        for (int g = 0; g < f; g++) {
            if (sameName(f, g)) {
                return g;
            }
        }
        return f;
    }

    private boolean sameName(int f, int g) {
        int lf = eqs[f] - starts[f];
        if (lf != eqs[g] - starts[g]) {
            return false;
        }
        return java.util.Arrays.equals(scratch, starts[f], eqs[f], scratch, starts[g], eqs[g]);
    }

    private static final byte[] SOURCE_RT = "_SOURCE_REALTIME_TIMESTAMP".getBytes();

    private boolean startsWith(int f, byte[] name) {
        return java.util.Arrays.equals(scratch, starts[f], starts[f] + name.length, name, 0, name.length);
    }

    private long parseLong(int from, int to, long otherwise) {
        long v = 0;
        if (from == to) {
            return otherwise;
        }
        for (int i = from; i < to; i++) {
            int d = scratch[i] - '0';
            if (d < 0 || d > 9) {
                return otherwise;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** End of a batch: what the input would hand over; here only counted. */
    void flushBatch() {
        bytesOut += packer.getBufferSize();
        packer.clear();
    }
}
