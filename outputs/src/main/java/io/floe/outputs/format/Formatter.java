package io.floe.outputs.format;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns one event into bytes, as a Fluentd formatter plugin does. The record is the msgpack map at
 * {@code rec[off, off+len)}; it is transcoded straight to the stream so no Java map is built per event.
 * Implementations are immutable and may be shared by flush threads.
 */
public interface Formatter {
    void format(String tag, long sec, int nsec, byte[] rec, int off, int len, OutputStream out) throws IOException;
}
