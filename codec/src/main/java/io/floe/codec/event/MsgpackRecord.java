package io.floe.codec.event;

import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.msgpack.MsgpackType;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.msgpack.core.MessagePacker;

/**
 * A record read from msgpack that decodes a value only when it is asked for. The keys are read up front;
 * each value stays a slice of the original bytes until {@link #get} (or an entry) needs it, and a value
 * nobody read or replaced is written back by copying its bytes ({@link #writeTo}). A filter chain that
 * parses {@code log} and adds two fields thus decodes one value and re-encodes only what changed.
 *
 * <p>It behaves as a {@link java.util.LinkedHashMap}: insertion order, a replaced key keeps its place, a
 * new key goes last. Not thread-safe; the bytes it points into must not change while it lives.
 */
public final class MsgpackRecord extends AbstractMap<String, Object> {
    /** Marks a value still in the bytes. */
    private static final Object UNREAD = new Object();

    private final byte[] buf;
    private String[] keys;
    private Object[] values;
    private int[] offsets;
    private int[] lengths;
    /** Where a key read from the bytes is (header included), to be copied back as it came; -1 for a new key. */
    private int[] keyOffsets;
    private int[] keyLengths;
    private int used;
    private int size;

    private MsgpackRecord(byte[] buf, int capacity) {
        this.buf = buf;
        this.keys = new String[capacity];
        this.values = new Object[capacity];
        this.offsets = new int[capacity];
        this.lengths = new int[capacity];
        this.keyOffsets = new int[capacity];
        this.keyLengths = new int[capacity];
    }

    /**
     * Reads the map at the cursor: its keys now, the values' places for later; the cursor ends after the map.
     * Keys that are not strings become their string form, as {@link Records} does.
     *
     * @throws IOException when the value is not a map
     */
    public static MsgpackRecord read(MsgpackCursor c) throws IOException {
        MsgpackType t = c.type();
        if (t != MsgpackType.MAP) {
            throw new IOException("record is a msgpack " + t.name().toLowerCase() + ", expected a map");
        }
        int n = c.readMapHeader("record");
        byte[] buf = c.array();
        // Room for what filters usually add (parsed fields, metadata, a few more) without growing.
        MsgpackRecord r = new MsgpackRecord(buf, n + 12);
        for (int i = 0; i < n; i++) {
            int keyStart = c.position();
            boolean stringKey = c.type() == MsgpackType.STRING;
            String key;
            if (stringKey) {
                key = c.readString("key");
            } else {
                int length = c.skip();
                key = String.valueOf(Records.decodeValue(buf, keyStart, length));
            }
            int start = c.position();
            int end = start + c.skip();
            int at = r.indexOf(key);
            if (at < 0) {
                at = r.append(key);
                if (stringKey) {
                    r.keyOffsets[at] = keyStart;
                    r.keyLengths[at] = start - keyStart;
                }
            }
            // A repeated key keeps its first place and its last value, as a Map built from the entries would.
            r.values[at] = UNREAD;
            r.offsets[at] = start;
            r.lengths[at] = end - start;
        }
        return r;
    }

    private int indexOf(Object key) {
        for (int i = 0; i < used; i++) {
            String k = keys[i];
            if (k != null && k.equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private int append(String key) {
        if (used == keys.length) {
            int n = Math.max(8, used * 2);
            keys = Arrays.copyOf(keys, n);
            values = Arrays.copyOf(values, n);
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
            keyOffsets = Arrays.copyOf(keyOffsets, n);
            keyLengths = Arrays.copyOf(keyLengths, n);
        }
        keys[used] = key;
        keyOffsets[used] = -1;
        size++;
        return used++;
    }

    private Object value(int i) {
        Object v = values[i];
        if (v == UNREAD) {
            try {
                v = Records.decodeValue(buf, offsets[i], lengths[i]);
            } catch (IOException e) {
                throw new IllegalStateException("record value of " + keys[i] + " is not valid msgpack", e);
            }
            values[i] = v;
        }
        return v;
    }

    /** Where a string value's UTF-8 bytes are. */
    public record Utf8(byte[] buf, int offset, int length) {
    }

    /**
     * The UTF-8 bytes of a string value still in the buffer, for a reader that takes bytes (a JSON parser)
     * and need not make a String; null when the key is missing, its value was read or replaced, or is not a
     * msgpack string.
     */
    public Utf8 utf8(Object key) {
        int i = indexOf(key);
        if (i < 0 || values[i] != UNREAD) {
            return null;
        }
        // The value's whole length is known from reading the record: the payload is what follows the header.
        int header = MsgpackCursor.stringHeaderLength(buf[offsets[i]]);
        return header < 0 ? null : new Utf8(buf, offsets[i] + header, lengths[i] - header);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : value(i);
    }

    @Override
    public Object put(String key, Object value) {
        int i = indexOf(key);
        if (i < 0) {
            // append first: it may grow the arrays
            int at = append(key);
            values[at] = value;
            return null;
        }
        Object old = value(i);
        values[i] = value;
        return old;
    }

    @Override
    public Object remove(Object key) {
        int i = indexOf(key);
        if (i < 0) {
            return null;
        }
        Object old = value(i);
        removeAt(i);
        return old;
    }

    private void removeAt(int i) {
        keys[i] = null;
        values[i] = null;
        size--;
    }

    @Override
    public void clear() {
        Arrays.fill(keys, 0, used, null);
        Arrays.fill(values, 0, used, null);
        used = 0;
        size = 0;
    }

    /**
     * Writes the record as a msgpack map: values never read or replaced are copied as they came, the
     * others encoded as {@link Records#write} does.
     */
    public void writeTo(MessagePacker p) throws IOException {
        p.packMapHeader(size);
        for (int i = 0; i < used; i++) {
            if (keys[i] == null) {
                continue;
            }
            if (keyOffsets[i] >= 0) {
                p.writePayload(buf, keyOffsets[i], keyLengths[i]);
            } else {
                p.packString(keys[i]);
            }
            if (values[i] == UNREAD) {
                p.writePayload(buf, offsets[i], lengths[i]);
            } else {
                Records.write(p, values[i]);
            }
        }
    }

    /** Removing through the key set drops a value without decoding it (Map.remove must return it). */
    @Override
    public Set<String> keySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public boolean contains(Object o) {
                return indexOf(o) >= 0;
            }

            @Override
            public boolean remove(Object o) {
                int i = indexOf(o);
                if (i < 0) {
                    return false;
                }
                removeAt(i);
                return true;
            }

            @Override
            public Iterator<String> iterator() {
                Entries e = new Entries();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return e.hasNext();
                    }

                    @Override
                    public String next() {
                        return e.next().getKey();
                    }

                    @Override
                    public void remove() {
                        e.remove();
                    }
                };
            }
        };
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Entries();
            }
        };
    }

    private final class Entries implements Iterator<Entry<String, Object>> {
        private int next = skipRemoved(0);
        private int last = -1;

        private int skipRemoved(int from) {
            int i = from;
            while (i < used && keys[i] == null) {
                i++;
            }
            return i;
        }

        @Override
        public boolean hasNext() {
            return next < used;
        }

        @Override
        public Entry<String, Object> next() {
            if (next >= used) {
                throw new NoSuchElementException();
            }
            last = next;
            next = skipRemoved(next + 1);
            int i = last;
            return new Entry<>() {
                @Override
                public String getKey() {
                    return keys[i];
                }

                @Override
                public Object getValue() {
                    return value(i);
                }

                @Override
                public Object setValue(Object v) {
                    Object old = value(i);
                    values[i] = v;
                    return old;
                }

                @Override
                public boolean equals(Object o) {
                    return o instanceof Entry<?, ?> e && Objects.equals(getKey(), e.getKey())
                            && Objects.equals(getValue(), e.getValue());
                }

                @Override
                public int hashCode() {
                    return Objects.hashCode(getKey()) ^ Objects.hashCode(getValue());
                }

                @Override
                public String toString() {
                    return getKey() + "=" + getValue();
                }
            };
        }

        @Override
        public void remove() {
            if (last < 0 || keys[last] == null) {
                throw new IllegalStateException();
            }
            removeAt(last);
        }
    }

    @Override
    public Object getOrDefault(Object key, Object dflt) {
        int i = indexOf(key);
        return i < 0 ? dflt : value(i);
    }
}
