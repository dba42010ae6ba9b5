package io.floe.outputs.format;

import io.floe.codec.text.RubyText;
import java.io.IOException;
import java.util.List;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/** Reads the top-level fields of a msgpack record without decoding the rest into Java objects. */
final class Fields {
    private Fields() {
    }

    @FunctionalInterface
    interface Visitor {
        /** Must consume exactly one value from {@code value}. */
        void field(String key, MessageUnpacker value) throws IOException;
    }

    /** Visits each key/value pair; a record that is not a map has no fields. */
    static void each(byte[] rec, int off, int len, Visitor v) throws IOException {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(rec, off, len)) {
            if (!u.hasNext() || u.getNextFormat().getValueType() != ValueType.MAP) {
                return;
            }
            int n = u.unpackMapHeader();
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < n; i++) {
                key.setLength(0);
                RubyText.toS(u, key);
                v.field(key.toString(), u);
            }
        }
    }

    /**
     * The {@code to_s} of the named fields, in the order asked; null where the record lacks one. A key
     * written twice keeps its last value, as a Ruby Hash decoded from msgpack does.
     */
    static String[] pick(byte[] rec, int off, int len, List<String> names) throws IOException {
        String[] out = new String[names.size()];
        StringBuilder val = new StringBuilder();
        each(rec, off, len, (key, u) -> {
            int i = names.indexOf(key);
            if (i < 0) {
                u.skipValue();
                return;
            }
            if (u.getNextFormat().getValueType() == ValueType.NIL) {
                u.unpackNil();
                out[i] = null;
                return;
            }
            val.setLength(0);
            RubyText.toS(u, val);
            out[i] = val.toString();
        });
        return out;
    }
}
