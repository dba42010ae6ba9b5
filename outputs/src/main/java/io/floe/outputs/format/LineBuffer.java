package io.floe.outputs.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A byte buffer that can drop a trailing line break, for Ruby's {@code chomp}: out_stdout and the stdout
 * formatter chomp what the inner formatter wrote and add exactly one {@code \n}. Not thread-safe.
 */
public final class LineBuffer extends ByteArrayOutputStream {
    public LineBuffer(int size) {
        super(size);
    }

    /** Removes one trailing {@code \r\n}, {@code \n} or {@code \r} written at or after {@code from}. */
    public void chomp(int from) {
        if (count > from && buf[count - 1] == '\n') {
            count--;
            if (count > from && buf[count - 1] == '\r') {
                count--;
            }
        } else if (count > from && buf[count - 1] == '\r') {
            count--;
        }
    }

    /** Writes the contents without the copy {@link #toByteArray()} makes. */
    public void drainTo(OutputStream out) throws IOException {
        out.write(buf, 0, count);
    }
}
