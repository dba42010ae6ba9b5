package io.floe.inputs.tail;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Turns a line's bytes into text: the source encoding ({@code from_encoding}, else {@code encoding}, else
 * UTF-8), a trailing {@code \r} dropped (Ruby's {@code chomp}, which Fluentd applies), bytes that are not
 * valid in the encoding replaced by U+FFFD and counted, so the caller can warn instead of passing
 * malformed text on.
 */
final class LineDecoder {
    private final Charset charset;
    private final boolean utf8;
    private long invalidLines;

    LineDecoder(Charset charset) {
        this.charset = charset;
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
    }

    /** Only encodings where {@code \n} is the byte 0x0A can be split into lines before decoding. */
    static boolean splittable(Charset cs) {
        byte[] nl = "\n".getBytes(cs);
        byte[] a = "a".getBytes(cs);
        return nl.length == 1 && nl[0] == '\n' && a.length == 1;
    }

    String decode(byte[] b, int off, int len) {
        if (len > 0 && b[off + len - 1] == '\r') {
            len--;
        }
        String s = new String(b, off, len, charset);
        if (s.indexOf('\uFFFD') >= 0 && replaced(s, b, off, len)) {
            invalidLines++;
        }
        return s;
    }

    /** More U+FFFD in the text than the bytes spelled out: some were put there by the decoder. */
    private boolean replaced(String s, byte[] b, int off, int len) {
        int inText = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\uFFFD') {
                inText++;
            }
        }
        int inBytes = 0;
        if (utf8) {
            for (int i = off; i + 2 < off + len; i++) {
                if (b[i] == (byte) 0xEF && b[i + 1] == (byte) 0xBF && b[i + 2] == (byte) 0xBD) {
                    inBytes++;
                }
            }
        }
        return inText > inBytes;
    }

    /** Lines that held invalid bytes since the last call; resets the count. */
    long takeInvalidLines() {
        long n = invalidLines;
        invalidLines = 0;
        return n;
    }
}
