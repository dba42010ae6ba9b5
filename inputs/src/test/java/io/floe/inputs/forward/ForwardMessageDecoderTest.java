package io.floe.inputs.forward;

import static io.floe.testkit.Mp.list;
import static io.floe.testkit.Mp.map;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.testkit.Mp;
import io.floe.codec.event.Event;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventTime;
import io.floe.inputs.forward.ForwardMessage.Mode;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ForwardMessageDecoderTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L, 123_456_789);
    private static final Map<String, Object> REC = map("log", "hello", "n", 7L);

    private static ForwardMessageDecoder decoder(boolean skipInvalid) {
        return new ForwardMessageDecoder(skipInvalid, 1 << 20, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ForwardMessage parse(Object frame) {
        return decoder(false).parse(Mp.pack(frame));
    }

    private static List<Event> events(ForwardMessage m) throws IOException {
        List<Event> e = m.events().decode();
        assertEquals(m.events().count(), e.size(), "count");
        return e;
    }

    static List<Object[]> times() {
        return List.of(
                new Object[] {"positive fixint", 100, new EventTime(100, 0)},
                new Object[] {"uint8", new Mp.Int(200, 0xcc), new EventTime(200, 0)},
                new Object[] {"uint16", new Mp.Int(60000, 0xcd), new EventTime(60000, 0)},
                new Object[] {"uint32", new Mp.Int(1795236011, 0xce), new EventTime(1795236011, 0)},
                new Object[] {"uint64", new Mp.Int(1795236011, 0xcf), new EventTime(1795236011, 0)},
                new Object[] {"int8", new Mp.Int(100, 0xd0), new EventTime(100, 0)},
                new Object[] {"int16", new Mp.Int(3000, 0xd1), new EventTime(3000, 0)},
                new Object[] {"int32 (Docker)", new Mp.Int(1795236011, 0xd2), new EventTime(1795236011, 0)},
                new Object[] {"int64", new Mp.Int(1795236011, 0xd3), new EventTime(1795236011, 0)},
                new Object[] {"float64", 1795236011.5, new EventTime(1795236011, 500_000_000)},
                new Object[] {"float32", new Mp.Float32(1024.25f), new EventTime(1024, 250_000_000)},
                new Object[] {"EventTime fixext8", new Mp.Time(1795236016, 927798288), new EventTime(1795236016, 927798288)},
                new Object[] {"EventTime ext8", new Mp.Time(1795236016, 927798288, true), new EventTime(1795236016, 927798288)},
                new Object[] {"Fluent Bit [EventTime, meta]", list(new Mp.Time(1795236016, 5), map()), new EventTime(1795236016, 5)},
                new Object[] {"Fluent Bit [int, meta]", list(1795236016, map("m", 1)), new EventTime(1795236016, 0)},
                new Object[] {"zero, replaced by now", 0, new EventTime(NOW.getEpochSecond(), NOW.getNano())},
                new Object[] {"nil, replaced by now", null, new EventTime(NOW.getEpochSecond(), NOW.getNano())},
                new Object[] {"zero EventTime, replaced by now", new Mp.Time(0, 0), new EventTime(NOW.getEpochSecond(), NOW.getNano())});
    }

    /** An array in Message mode's time position would make it Forward mode: the mode is told by that type. */
    static List<Object[]> messageTimes() {
        return times().stream().filter(t -> !(t[1] instanceof List)).toList();
    }

    @ParameterizedTest(name = "Message mode, time as {0}")
    @MethodSource("messageTimes")
    void messageModeAcceptsEveryTimeFormat(String name, Object time, EventTime expected) throws IOException {
        ForwardMessage m = parse(list("app", time, REC));
        assertEquals(Mode.MESSAGE, m.mode());
        Event e = events(m).get(0);
        assertEquals(expected, e.time());
        assertEquals(REC, e.record());
    }

    @ParameterizedTest(name = "Forward mode, time as {0}")
    @MethodSource("times")
    void forwardModeAcceptsEveryTimeFormat(String name, Object time, EventTime expected) throws IOException {
        ForwardMessage m = parse(list("app", list(list(time, REC), list(time, map("second", true)))));
        assertEquals(Mode.FORWARD, m.mode());
        List<Event> e = events(m);
        assertEquals(expected, e.get(0).time());
        assertEquals(expected, e.get(1).time());
        assertEquals(map("second", true), e.get(1).record());
    }

    @ParameterizedTest(name = "PackedForward mode, time as {0}")
    @MethodSource("times")
    void packedForwardAcceptsEveryTimeFormat(String name, Object time, EventTime expected) throws IOException {
        ForwardMessage m = parse(list("app", Mp.stream(list(time, REC))));
        assertEquals(Mode.PACKED_FORWARD, m.mode());
        assertEquals(expected, events(m).get(0).time());
    }

    @Test
    void messageModeReadsTagRecordAndChunk() throws IOException {
        ForwardMessage m = parse(list("docker.web", new Mp.Int(1795236011, 0xd2), REC, map("chunk", "tCABawAAAACSGzaj6SDsBQ==")));
        assertEquals("docker.web", m.tag());
        assertEquals("tCABawAAAACSGzaj6SDsBQ==", m.chunk());
        assertEquals(REC, events(m).get(0).record());
        assertEquals(Mp.pack(list("docker.web", new Mp.Int(1795236011, 0xd2), REC, map("chunk", "tCABawAAAACSGzaj6SDsBQ=="))).length,
                m.frameBytes());
    }

    @Test
    void forwardModeEntriesAreTheFramesOwnBytes() throws IOException {
        byte[] entries = Mp.stream(list(1, REC), list(2, REC), list(3, REC));
        byte[] frame = Mp.concat(new byte[] {(byte) 0x93, (byte) 0xa3, 'a', 'p', 'p', (byte) 0x93}, entries, Mp.pack(map("size", 3)));
        ForwardMessage m = decoder(false).parse(frame);
        EventStream s = m.events();
        assertSame(frame, s.array(), "no copy of the entries");
        assertArrayEquals(entries, s.toByteArray());
        assertEquals(3, s.count());
    }

    @Test
    void packedForwardEntriesAreTheFramesOwnBytesAsBinOrStr() throws IOException {
        byte[] entries = Mp.stream(list(new Mp.Time(5, 6), REC), list(7, map("x", 1)));
        for (Object body : List.of(entries, new Mp.Str(entries, 0), new Mp.Str(entries, 32))) {
            byte[] frame = Mp.pack(list("app", body, map("size", 2, "chunk", "Y2h1bms=\n")));
            ForwardMessage m = decoder(false).parse(frame);
            assertSame(frame, m.events().array());
            assertArrayEquals(entries, m.events().toByteArray());
            assertEquals(2, m.events().count());
            assertEquals("Y2h1bms=\n", m.chunk(), "chunk ids keep Ruby's trailing newline");
        }
    }

    @Test
    void compressedPackedForwardInflatesSeveralGzipMembers() throws IOException {
        byte[] a = Mp.stream(list(new Mp.Time(1, 0), map("seq", 0)));
        byte[] b = Mp.stream(list(new Mp.Time(2, 0), map("seq", 1)), list(new Mp.Time(3, 0), map("seq", 2)));
        ForwardMessage m = parse(list("app", Mp.gzipMembers(a, b, new byte[0]), map("compressed", "gzip", "size", 3)));
        assertEquals(Mode.COMPRESSED_PACKED_FORWARD, m.mode());
        List<Event> e = events(m);
        assertEquals(3, e.size());
        assertEquals(2L, e.get(2).record().get("seq"));
        // Fluentd's out_forward sends the gzip stream as a str32, not a bin.
        ForwardMessage str = parse(list("app", new Mp.Str(Mp.gzipMembers(a, b), 32), map("compressed", "gzip")));
        assertEquals(3, events(str).size());
    }

    @Test
    void aGzipBombStopsAtTheLimit() {
        byte[] zeros = new byte[8 << 20];
        byte[] bomb = Mp.gzipMembers(zeros, zeros, zeros);
        assertTrue(bomb.length < 100_000, "compresses well: " + bomb.length);
        ForwardMessageDecoder d = new ForwardMessageDecoder(false, 1 << 20);
        ForwardProtocolException e = assertThrows(ForwardProtocolException.class,
                () -> d.parse(Mp.pack(list("app", bomb, map("compressed", "gzip")))));
        assertTrue(e.getMessage().contains("beyond the limit"), e.getMessage());
    }

    @Test
    void corruptOrTrailingGzipIsRefused() {
        byte[] good = Mp.gzipMembers(Mp.stream(list(1, REC)));
        byte[] flipped = good.clone();
        flipped[flipped.length - 6] ^= 0x55; // inside the CRC
        byte[] truncated = Arrays.copyOf(good, good.length - 3);
        byte[] trailing = Mp.concat(good, new byte[] {1, 2, 3});
        for (byte[] body : List.of(flipped, truncated, trailing, "not gzip at all".getBytes())) {
            assertThrows(ForwardProtocolException.class, () -> parse(list("app", body, map("compressed", "gzip"))));
        }
    }

    @Test
    void optionsAreOptionalAndUnknownKeysIgnored() throws IOException {
        assertNull(parse(list("app", 1, REC)).chunk());
        assertNull(parse(list("app", 1, REC, null)).chunk());
        ForwardMessage m = parse(list("app", list(list(1, REC)), map("size", 99, "future", list(1, 2), "chunk", "c")));
        assertEquals("c", m.chunk());
        assertEquals(1, m.events().count(), "size is advisory; entries are counted");
        Map<Object, Object> odd = new java.util.LinkedHashMap<>();
        odd.put(5L, "non-string key");
        odd.put("chunk", "d");
        assertEquals("d", parse(list("app", 1, REC, odd)).chunk());
        assertEquals(1, parse(list("app", Mp.stream(list(1, REC)), map("compressed", "text"))).events().count());
    }

    @Test
    void fluentBitNonLogSignalsAreAcknowledgedButNotEmitted() throws IOException {
        ForwardMessage metrics = parse(list("app", "cmetrics payload".getBytes(), map("fluent_signal", 1, "chunk", "k")));
        assertEquals(1, metrics.signal());
        assertEquals(0, metrics.events().count());
        assertEquals("k", metrics.chunk());
        ForwardMessage logs = parse(list("app", Mp.stream(list(list(new Mp.Time(1, 0), map()), REC)), map("fluent_signal", 0, "chunk", "k")));
        assertEquals(REC, events(logs).get(0).record());
    }

    @Test
    void nilIsTheTcpHeartbeat() {
        assertNull(decoder(false).parse(new byte[] {(byte) 0xc0}));
    }

    @Test
    void invalidUtf8InRecordsPassesThroughAsBytes() {
        byte[] text = {'a', (byte) 0xff, '\t', 0x01, (byte) 0xc3, 'b'};
        byte[] record = Mp.pack(map("log", new Mp.Str(text, 0)));
        ForwardMessage m = parse(list("app", 1, new Mp.Raw(record)));
        byte[] out = m.events().toByteArray();
        assertTrue(indexOf(out, record) >= 0, "record bytes unchanged");
    }

    @Test
    void anInvalidTagIsReadWithReplacementCharacters() {
        ForwardMessage m = parse(list(new Mp.Str(new byte[] {'t', (byte) 0xff}, 0), 1, REC));
        assertEquals("t\uFFFD", m.tag());
    }

    static List<Object[]> badFrames() {
        return List.of(
                new Object[] {"a map", map("tag", "x")},
                new Object[] {"an integer", 5},
                new Object[] {"a string", "hello"},
                new Object[] {"an empty array", list()},
                new Object[] {"one element", list("app")},
                new Object[] {"five elements", list("app", 1, REC, map(), 1)},
                new Object[] {"tag an integer", list(5, 1, REC)},
                new Object[] {"tag nil", list(null, 1, REC)},
                new Object[] {"tag a map", list(map(), 1, REC)},
                new Object[] {"Message without record", list("app", 1)},
                new Object[] {"Forward with four elements", list("app", list(), map(), 1)},
                new Object[] {"options an array", list("app", 1, REC, list("chunk"))},
                new Object[] {"options a string", list("app", list(list(1, REC)), "chunk")},
                new Object[] {"chunk an integer", list("app", 1, REC, map("chunk", 5))},
                new Object[] {"compressed an integer", list("app", new byte[0], map("compressed", 1))},
                new Object[] {"compressed zstd", list("app", new byte[0], map("compressed", "zstd"))},
                new Object[] {"fluent_signal a string", list("app", new byte[0], map("fluent_signal", "logs"))},
                new Object[] {"packed entries truncated", list("app", Arrays.copyOf(Mp.stream(list(1, REC)), 5))},
                new Object[] {"packed entries garbage", list("app", new byte[] {(byte) 0xc1})});
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("badFrames")
    void refusesFramesOfTheWrongShape(String name, Object frame) {
        assertThrows(ForwardProtocolException.class, () -> decoder(false).parse(Mp.pack(frame)));
        // skip_invalid_event is about events, not about broken messages.
        assertThrows(ForwardProtocolException.class, () -> decoder(true).parse(Mp.pack(frame)));
    }

    static List<Object[]> badEntries() {
        return List.of(
                new Object[] {"entry a string", "entry"},
                new Object[] {"entry a map", map("time", 1)},
                new Object[] {"entry of one element", list(1)},
                new Object[] {"time a string", list("2026-11-21", REC)},
                new Object[] {"time a map", list(map(), REC)},
                new Object[] {"time a boolean", list(true, REC)},
                new Object[] {"time an ext of another type", list(new Mp.Ext(1, new byte[8]), REC)},
                new Object[] {"time an ext of 4 bytes", list(new Mp.Ext(0, new byte[4]), REC)},
                new Object[] {"time an empty array", list(list(), REC)},
                new Object[] {"record a string", list(1, "record")},
                new Object[] {"record an array", list(1, list(1))},
                new Object[] {"record nil", list(1, null)});
    }

    @ParameterizedTest(name = "Forward entry {0}")
    @MethodSource("badEntries")
    void invalidEntriesCloseUnlessSkipped(String name, Object bad) throws IOException {
        Object frame = list("app", list(list(1, REC), bad, list(2, REC)), map("chunk", "c"));
        ForwardProtocolException e = assertThrows(ForwardProtocolException.class, () -> decoder(false).parse(Mp.pack(frame)));
        assertTrue(e.getMessage().startsWith("invalid event"), e.getMessage());
        ForwardMessage m = decoder(true).parse(Mp.pack(frame));
        assertEquals(2, m.events().count());
        assertEquals(1, m.skipped());
        assertEquals("c", m.chunk());
        assertEquals(List.of(1L, 2L), events(m).stream().map(ev -> ev.time().seconds()).toList());
        ForwardMessage packed = decoder(true).parse(Mp.pack(list("app", Mp.stream(list(1, REC), bad, list(2, REC)))));
        assertEquals(2, packed.events().count());
    }

    @Test
    void anInvalidMessageModeEventIsDroppedButStillAcknowledgedWhenSkipped() {
        // A string in the time position would make it PackedForward; a boolean is Message mode's invalid time.
        Object frame = list("app", true, REC, map("chunk", "c"));
        assertThrows(ForwardProtocolException.class, () -> decoder(false).parse(Mp.pack(frame)));
        ForwardMessage m = decoder(true).parse(Mp.pack(frame));
        assertEquals(0, m.events().count());
        assertEquals(1, m.skipped());
        assertEquals("c", m.chunk());
        assertTrue(m.skipReason().contains("time is a boolean"), m.skipReason());
        assertEquals(1, decoder(true).parse(Mp.pack(list("app", 1, "not a map"))).skipped());
    }

    @Test
    void decodesThroughAnEmbeddedChannel() throws IOException {
        EmbeddedChannel ch = new EmbeddedChannel(decoder(false));
        ch.writeInbound(Unpooled.wrappedBuffer(Mp.pack(list("a", 1, REC))), Unpooled.wrappedBuffer(new byte[] {(byte) 0xc0}),
                Unpooled.wrappedBuffer(Mp.pack(list("b", list(list(2, REC))))));
        ForwardMessage a = ch.readInbound();
        ForwardMessage b = ch.readInbound();
        assertNull(ch.readInbound());
        assertEquals("a", a.tag());
        assertEquals("b", b.tag());
        assertEquals(REC, events(b).get(0).record());
        assertThrows(ForwardProtocolException.class, () -> ch.writeInbound(Unpooled.wrappedBuffer(Mp.pack(map()))));
        assertFalse(ch.finishAndReleaseAll());
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
