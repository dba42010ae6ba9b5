package io.floe.inputs.forward;

import static io.floe.testkit.Mp.list;
import static io.floe.testkit.Mp.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.testkit.Mp;
import io.floe.codec.event.Event;
import io.floe.codec.event.EventTime;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PartialMessageJoinerTest {
    private static final String ID = "19a86a20580a36214dba89f7c0b702ba3108f41b209c2f38c5058a8ba3e54bb5";

    private static Map<String, Object> part(String id, int ordinal, boolean last, Object log) {
        return map("container_id", "a814fa10fa60", "partial_message", "true", "partial_id", id,
                "partial_ordinal", Integer.toString(ordinal), "partial_last", Boolean.toString(last), "source", "stdout", "log", log);
    }

    private static ForwardMessage message(String chunk, Object... records) {
        Object[] entries = new Object[records.length];
        for (int i = 0; i < records.length; i++) {
            entries[i] = list(new Mp.Time(1795236030, i), records[i]);
        }
        return new ForwardMessageDecoder(false, 1 << 20).parse(Mp.pack(list("docker", list(entries), map("chunk", chunk))));
    }

    private static EmbeddedChannel channel(int maxBytes) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(new PartialMessageJoiner(maxBytes, Duration.ofSeconds(5)));
        return ch;
    }

    private static List<ForwardMessage> read(EmbeddedChannel ch) {
        List<ForwardMessage> out = new ArrayList<>();
        ForwardMessage m;
        while ((m = ch.readInbound()) != null) {
            out.add(m);
        }
        return out;
    }

    private static List<Event> events(List<ForwardMessage> ms) throws IOException {
        List<Event> out = new ArrayList<>();
        for (ForwardMessage m : ms) {
            out.addAll(m.events().decode());
        }
        return out;
    }

    /** The "log" of every event the joiner has handed on so far. */
    private static List<Object> logs(EmbeddedChannel ch) throws IOException {
        return events(read(ch)).stream().map(e -> e.record().get("log")).toList();
    }

    /** The logs a joiner of lines up to {@code maxBytes} hands on for {@code messages}, leaving no line unfinished. */
    private static List<Object> joinedLogs(int maxBytes, ForwardMessage... messages) throws IOException {
        EmbeddedChannel ch = channel(maxBytes);
        ch.writeInbound((Object[]) messages);
        List<Object> logs = logs(ch);
        assertFalse(ch.finishAndReleaseAll());
        return logs;
    }

    @Test
    void joinsTheParts() throws IOException {
        EmbeddedChannel ch = channel(1 << 20);
        ch.writeInbound(message("c1", part(ID, 1, false, "aaa")), message("c2", part(ID, 2, false, "bbb")),
                message("c3", part(ID, 3, true, "cc")));
        List<ForwardMessage> out = read(ch);
        assertEquals(List.of("c1", "c2", "c3"), out.stream().map(ForwardMessage::chunk).toList(), "every message is still acknowledged");
        assertEquals(List.of(0, 0, 1), out.stream().map(m -> m.events().count()).toList());
        Event joined = events(out).get(0);
        assertEquals(map("container_id", "a814fa10fa60", "source", "stdout", "log", "aaabbbcc"), joined.record());
        assertEquals(new EventTime(1795236030, 0), joined.time(), "the first part's time");
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void recordsThatAreNotPartialPassUntouched() {
        EmbeddedChannel ch = channel(1 << 20);
        ForwardMessage plain = message("c1", map("log", "short"), map("log", "partial_message is only text here"));
        ch.writeInbound(plain);
        assertSame(plain, ch.readInbound());
        ForwardMessage mixed = message("c2", map("log", "before"), part(ID, 1, false, "x"), map("log", "after"));
        ch.writeInbound(mixed);
        ForwardMessage out = ch.readInbound();
        assertEquals(2, out.events().count());
        ch.close();
        assertEquals(1, read(ch).size(), "the unfinished line, on close");
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void joinsInOrdinalOrderAndKeepsInterleavedLinesApart() throws IOException {
        assertEquals(List.of("B1B2", "A1A2A3"), joinedLogs(1 << 20,
                message("c1", part("A", 2, false, "A2"), part("B", 1, false, "B1"), part("A", 1, false, "A1")),
                message("c2", part("B", 2, true, "B2"), part("A", 3, true, "A3"))));
    }

    @Test
    void keepsBytesThatAreNotUtf8() throws IOException {
        EmbeddedChannel ch = channel(1 << 20);
        ch.writeInbound(message("c1", part(ID, 1, false, new Mp.Str(new byte[] {'a', (byte) 0xff}, 0)),
                part(ID, 2, true, new Mp.Str(new byte[] {(byte) 0xfe, 'b'}, 0))));
        ForwardMessage out = ch.readInbound();
        byte[] expected = Mp.pack(map("log", new Mp.Str(new byte[] {'a', (byte) 0xff, (byte) 0xfe, 'b'}, 0)));
        byte[] tail = java.util.Arrays.copyOfRange(expected, 1, expected.length); // the key/value pair, without the map header
        assertTrue(ForwardMessageDecoderTest.indexOf(out.events().toByteArray(), tail) >= 0);
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void aLineOverTheCapIsEmittedAsItIsAndTheRestFollowsSeparately() throws IOException {
        assertEquals(List.of("1234567890", "abcd"), joinedLogs(8,
                message("c1", part(ID, 1, false, "12345"), part(ID, 2, false, "67890"), part(ID, 3, false, "ab")),
                message("c2", part(ID, 4, true, "cd"))));
    }

    @Test
    void anUnfinishedLineIsEmittedAfterTheFlushInterval() throws IOException {
        EmbeddedChannel ch = channel(1 << 20);
        ch.writeInbound(message("c1", part(ID, 1, false, "no newline at exit")));
        assertEquals(0, read(ch).get(0).events().count());
        ch.advanceTimeBy(5, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertEquals(List.of(), read(ch), "a line touched in this interval waits for the next");
        ch.advanceTimeBy(5, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        List<ForwardMessage> flushed = read(ch);
        assertEquals(1, flushed.size());
        assertNull(flushed.get(0).chunk(), "nothing to acknowledge: the parts were");
        assertEquals("docker", flushed.get(0).tag());
        assertEquals(map("container_id", "a814fa10fa60", "source", "stdout", "log", "no newline at exit"),
                events(flushed).get(0).record());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void unfinishedLinesAreEmittedWhenTheConnectionCloses() throws IOException {
        EmbeddedChannel ch = channel(1 << 20);
        ch.writeInbound(message("c1", part("A", 1, false, "first"), part("B", 1, false, "second")));
        read(ch);
        ch.close();
        assertEquals(List.of("first", "second"), logs(ch));
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void findsTheMarkerOnlyWhereItIs() {
        byte[] b = Mp.pack(map("partial_message", "true"));
        byte[] marker = "\u00afpartial_message".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(PartialMessageJoiner.contains(io.floe.codec.event.EventStream.of(b, 1), marker));
        // A prefilter: a value spelling the key may match too, and the records are then read properly.
        byte[] text = Mp.pack(map("log", "a partial_message mentioned in text"));
        assertFalse(PartialMessageJoiner.contains(io.floe.codec.event.EventStream.of(text, 1), marker));
    }
}
