package io.floe.outputs.format;

import io.floe.codec.event.JsonTranscoder;
import java.io.IOException;
import java.io.OutputStream;

/** Compact JSON of a msgpack record, keys in record order, non-ASCII as raw UTF-8. */
final class Json {
    private Json() {
    }

    static void write(byte[] rec, int off, int len, OutputStream out) throws IOException {
        // Straight from the msgpack bytes: the Jackson path decoded every string into a Java String
        // and encoded it again, which was most of what writing a file cost.
        new JsonTranscoder().write(rec, off, len, out);
    }
}
