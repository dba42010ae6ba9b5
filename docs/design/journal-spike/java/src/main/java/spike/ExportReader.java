package spike;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Journal Export Format: "NAME=value\n", or "NAME\n" + little-endian u64 length + bytes + "\n"; a blank line ends an entry. */
final class ExportReader {
    static final int FIELD = 0;
    static final int END_OF_ENTRY = 1;
    static final int EOF = 2;

    private final InputStream in;
    byte[] buf = new byte[1 << 20];
    private int pos;
    private int lim;
    int nameOff;
    int nameLen;
    int valOff;
    int valLen;

    ExportReader(InputStream in) {
        this.in = in;
    }

    int nextField() throws IOException {
        int nl = findNewline(pos);
        if (nl < 0) {
            return EOF;
        }
        if (nl == pos) {
            pos++;
            return END_OF_ENTRY;
        }
        nameOff = pos;
        for (int i = pos; i < nl; i++) {
            if (buf[i] == '=') {
                nameLen = i - pos;
                valOff = i + 1;
                valLen = nl - i - 1;
                pos = nl + 1;
                return FIELD;
            }
        }
        // binary form: the name line, then 8 bytes of length, the data and a newline
        nameLen = nl - pos;
        int lenAt = nl + 1;
        ensure(lenAt, 8);
        lenAt = nameOff + nameLen + 1; // ensure may have moved the data
        long len = 0;
        for (int k = 7; k >= 0; k--) {
            len = (len << 8) | (buf[lenAt + k] & 0xff);
        }
        ensure(lenAt + 8, (int) len + 1);
        lenAt = nameOff + nameLen + 1;
        valOff = lenAt + 8;
        valLen = (int) len;
        pos = valOff + valLen + 1;
        return FIELD;
    }

    /** Makes count bytes from at available; compacts from nameOff and grows the buffer as needed. */
    private void ensure(int at, int count) throws IOException {
        while (lim < at + count) {
            if (nameOff > 0) {
                compact();
                at -= shift;
                continue;
            }
            if (lim == buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, at + count));
            }
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                throw new EOFException("export stream cut inside a binary field");
            }
            lim += n;
        }
    }

    private int shift;

    private void compact() {
        shift = nameOff;
        System.arraycopy(buf, nameOff, buf, 0, lim - nameOff);
        lim -= shift;
        pos -= shift;
        nameOff = 0;
    }

    private int findNewline(int from) throws IOException {
        int i = from;
        while (true) {
            for (; i < lim; i++) {
                if (buf[i] == '\n') {
                    return i;
                }
            }
            int kept = i - pos;
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
                i = kept;
            }
            if (lim == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                return -1;
            }
            lim += n;
        }
    }
}
