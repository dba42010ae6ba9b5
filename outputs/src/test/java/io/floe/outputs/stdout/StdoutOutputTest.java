package io.floe.outputs.stdout;

import static io.floe.outputs.TestSupport.bind;
import static io.floe.outputs.TestSupport.epoch;
import static io.floe.outputs.TestSupport.injecting;
import static io.floe.outputs.TestSupport.rec;
import static io.floe.outputs.TestSupport.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.Chunk;
import io.floe.api.Output;
import io.floe.api.UnrecoverableException;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

class StdoutOutputTest {
    static final long T = epoch("2026-11-21T04:41:58Z");

    /** Counts flushes, to check a chunk reaches stdout in one go. */
    static final class Sink extends ByteArrayOutputStream {
        int flushes;

        @Override
        public void flush() {
            flushes++;
        }

        String text() {
            return toString(StandardCharsets.UTF_8);
        }
    }

    static String print(ZoneId zone, Chunk chunk, String... conf) throws Exception {
        Sink sink = new Sink();
        StdoutOutput o = new StdoutOutput(bind(StdoutOutput.Config.class, conf), sink, zone);
        o.write(chunk);
        assertEquals(1, sink.flushes);
        return sink.text();
    }

    @Test
    void nanosecondTimeAndUtf8() throws Exception {
        EventStream es = stream(new EventTime(T, 296931505), rec("msg", "nano precision", "unicode", "héllo ✓"));
        assertEquals("2026-11-21 04:41:58.296931505 +0000 test.stdout.nano: {\"msg\":\"nano precision\",\"unicode\":\"héllo ✓\"}\n",
                print(ZoneOffset.UTC, Chunk.of("test.stdout.nano", es)));
    }

    @Test
    void injectedFieldsAreInTheLine() throws Exception {
        Sink sink = new Sink();
        Output o = injecting(new StdoutOutput(bind(StdoutOutput.Config.class), sink, ZoneOffset.UTC), ZoneOffset.UTC,
                "time_key time", "time_type string", "localtime false", "tag_key tag", "worker_id_key worker");
        o.write(Chunk.of("app.web", stream(new EventTime(T, 296931505), rec("msg", "x", "tag", "old"))));
        assertEquals("2026-11-21 04:41:58.296931505 +0000 app.web: {\"msg\":\"x\",\"tag\":\"app.web\",\"worker\":0,"
                + "\"time\":\"2026-11-21T04:41:58Z\"}\n", sink.text());
    }

    @Test
    void integerTimePrintsZeroNanosecondsInTheLocalZone() throws Exception {
        // An entry whose time is a plain msgpack integer, as Fluentd's forward sends without EventTime.
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(2).packLong(T).packMapHeader(1).packString("k").packString("v");
        EventStream es = EventStream.of(p.toByteArray(), 1);
        assertEquals("2026-11-21 04:41:58.000000000 +0000 t: {\"k\":\"v\"}\n", print(ZoneOffset.UTC, Chunk.of("t", es)));
        assertEquals("2026-11-21 13:41:58.000000000 +0900 t: {\"k\":\"v\"}\n", print(ZoneId.of("Asia/Tokyo"), Chunk.of("t", es)));
    }

    @Test
    void nestedValuesNullBoolFloat() throws Exception {
        Map<String, Object> r = rec("a", rec("b", List.of(1, "two", rec("c", null))), "t", true, "f", false,
                "x", 1.5, "n", null, "big", 9007199254740993L, "neg", -3);
        assertEquals("2026-11-21 04:41:58.000000000 +0000 t: {\"a\":{\"b\":[1,\"two\",{\"c\":null}]},\"t\":true,\"f\":false,"
                        + "\"x\":1.5,\"n\":null,\"big\":9007199254740993,\"neg\":-3}\n",
                print(ZoneOffset.UTC, Chunk.of("t", stream(new EventTime(T, 0), r))));
    }

    @Test
    void outputTypeHashAndOtherFormatsEndWithOneNewline() throws Exception {
        Chunk c = Chunk.of("t", stream(new EventTime(T, 0), rec("a", 1, "b", "x", "n", null)));
        String head = "2026-11-21 04:41:58.000000000 +0000 t: ";
        assertEquals(head + "{\"a\"=>1, \"b\"=>\"x\", \"n\"=>nil}\n", print(ZoneOffset.UTC, c, "output_type hash"));
        assertEquals(head + "{\"a\"=>1, \"b\"=>\"x\", \"n\"=>nil}\n", print(ZoneOffset.UTC, c, "<format>", "output_type hash", "</format>"));
        assertEquals("{\"a\":1,\"b\":\"x\",\"n\":null}\n", print(ZoneOffset.UTC, c, "<format>", "@type json", "</format>"));
        assertEquals("x\n", print(ZoneOffset.UTC, c, "<format>", "@type single_value", "message_key b",
                "add_newline false", "</format>"));
        assertEquals("x\n", print(ZoneOffset.UTC, c, "format single_value", "<format>", "message_key b", "</format>"));
        assertEquals("2026-11-21T04:41:58+00:00\tt\t{\"a\":1,\"b\":\"x\",\"n\":null}\n",
                print(ZoneOffset.UTC, c, "<format>", "@type out_file", "</format>"));
    }

    @Test
    void wholeChunkWithSeveralTagsInOneFlush() throws Exception {
        Chunk c = new Chunk("id", null, null, Map.of(), List.of(
                new Chunk.Tagged("a", stream(new EventTime(T, 1), rec("n", 1), rec("n", 2))),
                new Chunk.Tagged("b", stream(new EventTime(T, 2), rec("n", 3)))));
        assertEquals("2026-11-21 04:41:58.000000001 +0000 a: {\"n\":1}\n"
                + "2026-11-21 04:41:58.000000001 +0000 a: {\"n\":2}\n"
                + "2026-11-21 04:41:58.000000002 +0000 b: {\"n\":3}\n", print(ZoneOffset.UTC, c));
    }

    @Test
    void unbufferedByDefault() throws IOException {
        StdoutOutput o = new StdoutOutput(bind(StdoutOutput.Config.class), new Sink(), ZoneOffset.UTC);
        assertFalse(o.bufferedByDefault());
        assertEquals("tag", o.bufferDefaults().get("chunk_keys"));
    }

    /** Formatting happens in memory: a record it cannot read is the chunk's fault, for good; stdout's own failure is not. */
    @Test
    void aRecordThatCannotBeFormattedIsUnrecoverableAndAFailingStdoutIsRetried() throws Exception {
        byte[] bad = {(byte) 0x92, (byte) 0xce, 0x69, 0x1f, (byte) 0xe6, 0x16, (byte) 0x81, (byte) 0xa1, 'k', (byte) 0xc1};
        Sink sink = new Sink();
        StdoutOutput o = new StdoutOutput(bind(StdoutOutput.Config.class), sink, ZoneOffset.UTC);
        UnrecoverableException e = assertThrows(UnrecoverableException.class, () -> o.write(Chunk.of("t", EventStream.of(bad, 1))));
        assertTrue(e.getMessage().startsWith("cannot format the events of tag \"t\": "), e.getMessage());
        assertEquals("", sink.text(), "nothing of the chunk is printed");

        OutputStream closed = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        StdoutOutput broken = new StdoutOutput(bind(StdoutOutput.Config.class), closed, ZoneOffset.UTC);
        assertThrows(IOException.class, () -> broken.write(Chunk.of("t", stream(new EventTime(T, 0), rec("k", "v")))));
    }
}
