package io.floe.outputs.format;

import com.fasterxml.jackson.core.JsonGenerator;
import io.floe.api.event.MsgpackJson;
import java.io.IOException;
import java.io.OutputStream;

/** Compact JSON of a msgpack record, keys in record order, non-ASCII as raw UTF-8. */
final class Json {
    private Json() {
    }

    static void write(byte[] rec, int off, int len, OutputStream out) throws IOException {
        try (JsonGenerator g = MsgpackJson.generator(out)) {
            MsgpackJson.write(rec, off, len, g);
        }
    }
}
