package io.floe.inputs.forward;

import io.floe.codec.event.EventStream;
import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.msgpack.MsgpackType;
import io.floe.codec.msgpack.Packed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Edits records as msgpack bytes: lists a map's fields, and writes a map with some fields left out and
 * others added. Values that are kept are copied byte for byte, so text that is not valid UTF-8 passes
 * through as it came. The input's only paths that rewrite records use it: source_address_key /
 * source_hostname_key, and joining Docker's partial lines.
 */
final class RecordEditor {
    /** One key/value pair of a map: the key as text (null if not a string) and where its bytes are. */
    record Field(String key, int keyStart, int valueStart, int end) {
    }

    private RecordEditor() {
    }

    /** The fields of the map at the reader's cursor; the cursor ends after the map. */
    static List<Field> fields(MsgpackCursor r) {
        int n = r.readMapHeader("record");
        List<Field> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int keyStart = r.position();
            String key = r.type() == MsgpackType.STRING ? r.readString("key") : null;
            if (key == null) {
                r.skip();
            }
            int valueStart = r.position();
            r.skip();
            out.add(new Field(key, keyStart, valueStart, r.position()));
        }
        return out;
    }

    /** The value as text when it is a str, else null. */
    static String string(byte[] buf, Field f) {
        MsgpackCursor r = new MsgpackCursor(buf, f.valueStart(), f.end() - f.valueStart());
        return r.type() == MsgpackType.STRING ? r.readString("value") : null;
    }

    /** The raw payload of a str value, else null. */
    static byte[] stringBytes(byte[] buf, Field f) {
        MsgpackCursor r = new MsgpackCursor(buf, f.valueStart(), f.end() - f.valueStart());
        return r.type() == MsgpackType.STRING ? r.readBytes("value") : null;
    }

    /** Writes a map of the fields {@code keep} accepts, then {@code added} (keys to msgpack-encoded values). */
    static void writeMap(MessageBufferPacker out, byte[] buf, List<Field> fields, Predicate<Field> keep,
                         Map<String, byte[]> added) throws IOException {
        int kept = 0;
        for (Field f : fields) {
            if (keep.test(f)) {
                kept++;
            }
        }
        out.packMapHeader(kept + added.size());
        for (Field f : fields) {
            if (keep.test(f)) {
                out.writePayload(buf, f.keyStart(), f.end() - f.keyStart());
            }
        }
        for (Map.Entry<String, byte[]> e : added.entrySet()) {
            out.packString(e.getKey());
            out.writePayload(e.getValue());
        }
    }

    /** Sets string fields in every record of a (checked) stream, replacing fields of the same name. */
    static EventStream setStrings(EventStream s, Map<String, String> values) {
        Map<String, byte[]> encoded = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> encoded.put(k, str(v)));
        byte[] buf = s.array();
        MsgpackCursor r = new MsgpackCursor(buf, s.offset(), s.length());
        try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
            while (r.hasNext()) {
                int n = r.readArrayHeader("entry");
                int timeStart = r.position();
                r.skip();
                int recordStart = r.position();
                List<Field> fields = fields(r);
                for (int i = 2; i < n; i++) {
                    r.skip();
                }
                out.packArrayHeader(2);
                out.writePayload(buf, timeStart, recordStart - timeStart);
                writeMap(out, buf, fields, f -> f.key() == null || !values.containsKey(f.key()), encoded);
            }
            byte[] b = out.toByteArray();
            return new EventStream(b, 0, b.length, s.count());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] str(String v) {
        return Packed.of(p -> p.packString(v));
    }

    /** A str holding exactly these bytes (which need not be valid UTF-8). */
    static byte[] rawStr(byte[] payload, int len) {
        return Packed.of(p -> p.packRawStringHeader(len).writePayload(payload, 0, len));
    }
}
