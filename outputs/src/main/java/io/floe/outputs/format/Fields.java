package io.floe.outputs.format;

import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.msgpack.MsgpackType;
import io.floe.codec.text.RubyText;
import java.util.List;

/** Reads the top-level fields of a msgpack record without decoding the rest into Java objects. */
final class Fields {
    private Fields() {
    }

    @FunctionalInterface
    interface Visitor {
        /** Must read exactly one value from {@code value}. */
        void field(String key, MsgpackCursor value);
    }

    /** Visits each key/value pair; a record that is not a map has no fields. */
    static void each(byte[] rec, int off, int len, Visitor v) {
        // Records in a chunk were bounded when they came in: a field skipped is skipped at any depth.
        MsgpackCursor c = new MsgpackCursor(MsgpackCursor.ANY_DEPTH).reset(rec, off, len);
        if (!c.hasNext() || c.type() != MsgpackType.MAP) {
            return;
        }
        int n = c.readMapHeader("record");
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < n; i++) {
            key.setLength(0);
            RubyText.toS(c, key);
            v.field(key.toString(), c);
        }
    }

    /**
     * The {@code to_s} of the named fields, in the order asked; null where the record lacks one. A key
     * written twice keeps its last value, as a Ruby Hash decoded from msgpack does.
     */
    static String[] pick(byte[] rec, int off, int len, List<String> names) {
        String[] out = new String[names.size()];
        StringBuilder val = new StringBuilder();
        each(rec, off, len, (key, c) -> {
            int i = names.indexOf(key);
            if (i < 0) {
                c.skip();
                return;
            }
            if (c.type() == MsgpackType.NIL) {
                c.readNil("value");
                out[i] = null;
                return;
            }
            val.setLength(0);
            RubyText.toS(c, val);
            out[i] = val.toString();
        });
        return out;
    }
}
