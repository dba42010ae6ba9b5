package io.floe.inputs.forward;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.inputs.RecordingRouter;
import io.floe.testkit.ForwardClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.codec.event.Event;
import io.floe.codec.event.EventTime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the bytes Docker's fluentd logging driver really sent (captured from dockerd 20.10.24, see
 * resources/forward/docker/README.md) and checks every record field by field against the capture's
 * decoded form, and every ack byte for byte against what the capturing receiver answered.
 */
class ForwardInputCaptureTest extends WithRunningInput {
    private static final ObjectMapper JSON = new ObjectMapper();

    static byte[] resource(String name) {
        try (InputStream s = ForwardInputCaptureTest.class.getResourceAsStream("/forward/docker/" + name)) {
            return s.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    static List<JsonNode> decoded(String capture) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : new String(resource(capture + ".decoded.jsonl"), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                try {
                    out.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"01-basic-3-stdout-1-stderr", "02-sub-second-precision", "03-request-ack.client-to-server", "04-async",
        "05-default-tag-labels-env-partial-40000", "06-ack-subsecond-async-tcp-url.client-to-server", "07-partial-edges-subsecond-utf8"})
    void replaysTheCaptureRecordByRecord(String capture) throws Exception {
        in = RunningInput.start();
        List<JsonNode> expected = decoded(capture);
        try (ForwardClient c = in.connect()) {
            c.send(resource(capture + ".bin"));
            for (JsonNode e : expected) {
                if (!e.get("ack_sent").isNull()) {
                    byte[] ack = HexFormat.of().parseHex(e.get("ack_sent").asText());
                    assertArrayEquals(ack, c.socket().getInputStream().readNBytes(ack.length), "ack of message " + e.get("msg"));
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> in.plugin.router.emits.size() == expected.size());
        }
        for (int i = 0; i < expected.size(); i++) {
            JsonNode e = expected.get(i);
            RecordingRouter.Emit emit = in.plugin.router.emits.get(i);
            assertEquals(e.get("tag").asText(), emit.tag(), "tag of message " + (i + 1));
            assertEquals(1, emit.events().size());
            Event ev = emit.events().get(0);
            assertEquals(new EventTime(e.get("sec").asLong(), e.get("nsec").asInt()), ev.time(), "time of message " + (i + 1));
            assertEquals(record(e.get("record")), ev.record(), "record of message " + (i + 1));
        }
        assertEquals(0, in.plugin.metrics.numErrors.sum());
    }

    @Test
    void docker32BitTimesArriveAsInt32() {
        byte[] bin = resource("01-basic-3-stdout-1-stderr.bin");
        // 94 af "docker.fl-basic" d2 <int32>: Go's msgpack writes the seconds as int32.
        assertEquals((byte) 0xd2, bin[1 + 1 + 15]);
    }

    @Test
    void invalidUtf8FromAContainerReachesTheRouterAsItsOwnBytes() throws Exception {
        in = RunningInput.start();
        try (ForwardClient c = in.connect()) {
            c.send(resource("07-partial-edges-subsecond-utf8.bin"));
            await().atMost(Duration.ofSeconds(30)).until(() -> in.plugin.router.emits.size() == 9);
        }
        byte[] raw = "invalid \u00ff end".getBytes(StandardCharsets.ISO_8859_1); // the capture's raw 0xff byte
        byte[] bin = resource("07-partial-edges-subsecond-utf8.bin");
        assertTrue(ForwardMessageDecoderTest.indexOf(bin, raw) >= 0, "the capture holds a raw 0xff");
        assertTrue(in.plugin.router.emits.stream().anyMatch(e -> ForwardMessageDecoderTest.indexOf(e.stream().toByteArray(), raw) >= 0),
                "and so does what was emitted");
    }

    /**
     * The records of a capture replayed with join_partial_messages on: {@code whileOpen} arrive while its connection is
     * open; the unterminated last line is held until the connection closes, then emitted, not dropped.
     */
    private List<Map<String, Object>> joined(String capture, int whileOpen) throws Exception {
        in = RunningInput.start("join_partial_messages true");
        try (ForwardClient c = in.connect()) {
            c.send(resource(capture + ".bin"));
            in.awaitEvents(whileOpen);
        }
        in.awaitEvents(whileOpen + 1);
        return in.plugin.router.records();
    }

    @Test
    void joinsDockersSplitLinesWhenAskedTo() throws Exception {
        List<Map<String, Object>> records = joined("05-default-tag-labels-env-partial-40000", 2);
        assertEquals("short", records.get(0).get("log"));
        String joined = (String) records.get(1).get("log");
        assertEquals(40000, joined.length());
        assertTrue(joined.chars().allMatch(ch -> ch == 'a'), "the 40000-byte line, whole");
        assertEquals(Map.of("app", "web", "tier", "front", "FOO", "bar",
                "container_id", "a814fa10fa60fc6402fc64fd5c33a178f780058470a05bb3e5cc4d2a3aa1e5b7",
                "container_name", "/fl-partial", "source", "stdout", "log", joined), records.get(1));
        assertEquals("no-newline-at-end", records.get(2).get("log"));
        assertTrue(records.stream().noneMatch(r -> r.containsKey("partial_id")));
    }

    @Test
    void joinsTheEdgeCasesOfSplitting() throws Exception {
        List<Map<String, Object>> records = joined("07-partial-edges-subsecond-utf8", 5);
        List<Integer> lengths = records.stream().map(r -> ((String) r.get("log")).length()).toList();
        // 16383 whole; 16384 + empty last part; 16384 + 16384 + empty last part; an empty line; the UTF-8 line; the unterminated line.
        assertEquals(List.of(16383, 16384, 32768, 0), lengths.subList(0, 4));
        assertTrue(((String) records.get(4).get("log")).startsWith("unicode h\u00e9llo"));
        assertEquals("no newline at exit", records.get(5).get("log"));
    }

    private static Map<String, Object> record(JsonNode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        n.fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().asText()));
        return m;
    }
}
