package io.floe.inputs.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.Records;
import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.msgpack.Packed;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The sample records, encoded to msgpack once. With {@code auto_increment_key}, each event's record is
 * the encoded sample with one more key appended, so no map is built per event.
 */
final class SampleRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Encoded> samples;
    private final byte[] counterKey;
    private long counter;
    private int index;

    private record Encoded(byte[] whole, int entries, byte[] body) {
    }

    private SampleRecords(List<Encoded> samples, byte[] counterKey) {
        this.samples = samples;
        this.counterKey = counterKey;
    }

    static SampleRecords parse(String json, String autoIncrementKey) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("'sample' is not valid JSON: " + e.getMessage());
        }
        List<JsonNode> items = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(items::add);
        } else if (node != null) {
            items.add(node);
        }
        if (items.isEmpty() || items.stream().anyMatch(n -> !n.isObject())) {
            throw new IllegalArgumentException("'sample' must be a JSON object or a non-empty array of objects");
        }
        List<Encoded> out = new ArrayList<>();
        for (JsonNode item : items) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = JSON.convertValue(item, Map.class);
            byte[] whole = Records.encode(m);
            out.add(new Encoded(whole, m.size(), bodyAfterHeader(whole)));
        }
        return new SampleRecords(List.copyOf(out), autoIncrementKey == null ? null : Packed.of(p -> p.packString(autoIncrementKey)));
    }

    /** The next {@code n} events, stamped with the current time. */
    EventStream next(int n) {
        Instant now = Instant.now();
        EventStreamWriter w = new EventStreamWriter(n * (samples.get(0).whole().length + 24));
        for (int i = 0; i < n; i++) {
            Encoded s = samples.get(index);
            index = (index + 1) % samples.size();
            byte[] record = counterKey == null ? s.whole() : withCounter(s, counter++);
            w.add(now.getEpochSecond(), now.getNano(), record);
        }
        return w.build();
    }

    private byte[] withCounter(Encoded s, long value) {
        return Packed.of(p -> {
            p.packMapHeader(s.entries() + 1);
            p.writePayload(s.body());
            p.writePayload(counterKey);
            p.packLong(value);
        });
    }

    private static byte[] bodyAfterHeader(byte[] map) {
        MsgpackCursor c = new MsgpackCursor(map);
        c.readMapHeader("sample");
        return Arrays.copyOfRange(map, c.position(), map.length);
    }

}
