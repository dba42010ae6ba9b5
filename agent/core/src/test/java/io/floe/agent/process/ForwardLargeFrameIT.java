package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The largest message the forward input accepts never runs the agent out of memory: with an 80 MiB heap
 * (what the launcher gives inside a 200 MiB container), two messages of exactly that size, sent at once
 * on two connections beside an acked client streaming small events, are both acknowledged and written
 * out whole; a message one byte larger is refused with one warning naming the input and the peer, no ack;
 * a {@code chunk_size_limit} larger than the heap decodes safely is warned about at startup. The agent
 * stays up and logs no OutOfMemoryError.
 */
class ForwardLargeFrameIT {
    private static final Pattern MAX_FRAME = Pattern.compile("\\[in_big\\] largest accepted message max_frame_bytes=(\\d+)");
    private static final int RECORD_BYTES = 1 << 20;
    private static final int GOOD_EVENTS = 5_000;

    @Test
    void theLargestAcceptedMessageIsDeliveredTwiceAtOnceAndOneByteMoreIsRefused(Agents agents) throws Exception {
        int port = agents.freePort();
        int widePort = agents.freePort();
        Path bigDir = agents.path("big");
        Path goodDir = agents.path("good");
        String config = FluentConf.forward(port, "@id in_big") + FluentConf.forward(widePort, "@id in_wide", "chunk_size_limit 1g")
                + FluentConf.jsonFile("big.**", null, bigDir.resolve("out"), "flush_mode interval", "flush_interval 200ms")
                + FluentConf.jsonFile("good.**", null, goodDir.resolve("out"), "flush_mode interval", "flush_interval 200ms");
        AgentProcess agent = agents.running(Map.of("FLOE_HEAP", "80m"), "big.conf", config);
        Matcher m = MAX_FRAME.matcher(agent.stderr());
        assertTrue(m.find(), "the input logs the largest message it accepts:\n" + agent.stderr());
        int max = Integer.parseInt(m.group(1));
        assertTrue(max > 4 * RECORD_BYTES, "an 80 MiB heap takes messages of several MiB: " + max);
        assertEquals(1, agent.stderrLines().stream()
                .filter(l -> l.contains("[warn]: [in_wide] chunk_size_limit 1073741824 is larger than")).count(), agent.stderr());

        CompletableFuture<ForwardFeeder> good = CompletableFuture.supplyAsync(() -> {
            ForwardFeeder f = new ForwardFeeder(port, "good.events", 50, 4);
            try {
                f.send(GOOD_EVENTS, Duration.ofMinutes(3));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
            return f;
        });
        PackedMessage largest = PackedMessage.ofSize("big.frames", max);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> acked(port, largest.bytes("one")));
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> acked(port, largest.bytes("two")));
        assertTrue(first.get(4, TimeUnit.MINUTES) && second.get(4, TimeUnit.MINUTES),
                "both messages of the largest size acknowledged; alive " + agent.isAlive() + "; log:\n" + agent.stderr());
        assertEquals(0, good.get(4, TimeUnit.MINUTES).connectFailures());

        assertFalse(acked(port, PackedMessage.ofSize("big.frames", max + 1).bytes("thr")), "one byte more is refused, unacknowledged");
        agent.awaitLog("message is larger than the limit of " + max + " bytes", Duration.ofSeconds(30));
        // A small gzip that inflates past the same limit lands on the heap like a plain message: refused the same way.
        assertFalse(acked(port, compressed("big.frames", "gzp", 5 * max)), "a message inflating past the limit is refused");
        agent.awaitLog("gzip payload inflates beyond the limit of " + max + " bytes", Duration.ofSeconds(30));

        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> bigRecords(bigDir) == 2L * largest.records());
        OutputFiles.awaitAll(goodDir, GOOD_EVENTS, Duration.ofSeconds(60));
        assertTrue(agent.isAlive(), "the agent is up");
        List<String> log = agent.stderrLines();
        assertEquals(2, log.stream().filter(l -> l.contains("[warn]: [in_big] closing forward connection from 127.0.0.1:")).count(),
                "one warning, naming the input and the peer, for each refused message:\n" + agent.stderr());
        assertFalse(agent.stderr().contains("OutOfMemoryError"), agent.stderr());
        assertEquals(0, agent.stop(Duration.ofSeconds(60)), agent::stderr);
        System.out.printf("large frames: max_frame_bytes %d at FLOE_HEAP=80m; 2 x %d records of 1 MiB delivered at once%n",
                max, largest.records());
    }

    /** Sends one message asking for an ack; true if the ack came, false if the agent closed the connection first. */
    private static boolean acked(int port, byte[] message) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(180_000);
            s.getOutputStream().write(message);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            byte[] reply = in.readNBytes(1);
            return reply.length == 1 && (reply[0] & 0xf0) == 0x80; // a map: {"ack": chunk}
        } catch (IOException reset) {
            return false;
        }
    }

    /** Lines (records) in the output files, read without holding a 1 MiB line as a String. */
    private static long bigRecords(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        long lines = 0;
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    char[] buf = new char[64 << 10];
                    int n;
                    while ((n = r.read(buf)) > 0) {
                        for (int i = 0; i < n; i++) {
                            if (buf[i] == '\n') {
                                lines++;
                            }
                        }
                    }
                }
            }
        }
        return lines;
    }

    /** A CompressedPackedForward message whose entries, records of 1 MiB, inflate to about {@code inflated} bytes. */
    private static byte[] compressed(String tag, String chunk, int inflated) throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (DataOutputStream o = new DataOutputStream(new java.util.zip.GZIPOutputStream(gz))) {
            byte[] payload = new byte[RECORD_BYTES];
            Arrays.fill(payload, (byte) 'x');
            for (int written = 0; written < inflated; written += RECORD_BYTES) {
                o.write(new byte[] {(byte) 0x92, (byte) 0xce});
                o.writeInt((int) (System.currentTimeMillis() / 1000));
                o.write(new byte[] {(byte) 0x81, (byte) 0xa3, 'l', 'o', 'g', (byte) 0xdb});
                o.writeInt(RECORD_BYTES);
                o.write(payload);
            }
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(b);
        o.write(0x93);
        o.write(0xa0 | tag.length());
        o.write(tag.getBytes(StandardCharsets.US_ASCII));
        o.write(0xc6);
        o.writeInt(gz.size());
        gz.writeTo(o);
        o.write(0x82);
        o.write(0xa5);
        o.write("chunk".getBytes(StandardCharsets.US_ASCII));
        o.write(0xa0 | chunk.length());
        o.write(chunk.getBytes(StandardCharsets.US_ASCII));
        o.write(0xaa);
        o.write("compressed".getBytes(StandardCharsets.US_ASCII));
        o.write(0xa4);
        o.write("gzip".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    /**
     * A PackedForward message of an exact size: records {@code {"log": "xxx…"}} of 1 MiB (the last one
     * shorter), each string with a str32 header so every byte of the size is the records'.
     */
    private record PackedMessage(String tag, int size, int records, int lastLength) {
        private static final int ENTRY_OVERHEAD = 1 + 5 + 1 + 4 + 5; // [ time:uint32, {"log": str32} ]

        static PackedMessage ofSize(String tag, int size) {
            int entries = size - overhead(tag);
            int records = (entries + ENTRY_OVERHEAD + RECORD_BYTES - 1) / (ENTRY_OVERHEAD + RECORD_BYTES);
            int last = entries - (records - 1) * (ENTRY_OVERHEAD + RECORD_BYTES) - ENTRY_OVERHEAD;
            return new PackedMessage(tag, size, records, last);
        }

        private static int overhead(String tag) {
            // fixarray 3, fixstr tag, bin32 header, then {"chunk": "xxx"} with a 3-letter chunk id
            return 1 + 1 + tag.length() + 5 + (1 + 6 + 4);
        }

        byte[] bytes(String chunk) {
            if (chunk.length() != 3) {
                throw new IllegalArgumentException("chunk ids of 3 letters keep the size exact");
            }
            try {
                ByteArrayOutputStream b = new ByteArrayOutputStream(size);
                DataOutputStream o = new DataOutputStream(b);
                o.write(0x93);
                o.write(0xa0 | tag.length());
                o.write(tag.getBytes(StandardCharsets.US_ASCII));
                o.write(0xc6);
                o.writeInt(size - overhead(tag));
                byte[] payload = new byte[RECORD_BYTES];
                Arrays.fill(payload, (byte) 'x');
                int time = (int) (System.currentTimeMillis() / 1000);
                for (int i = 0; i < records; i++) {
                    int len = i == records - 1 ? lastLength : RECORD_BYTES;
                    o.write(0x92);
                    o.write(0xce);
                    o.writeInt(time);
                    o.write(0x81);
                    o.write(0xa3);
                    o.write("log".getBytes(StandardCharsets.US_ASCII));
                    o.write(0xdb);
                    o.writeInt(len);
                    o.write(payload, 0, len);
                }
                o.write(0x81);
                o.write(0xa5);
                o.write("chunk".getBytes(StandardCharsets.US_ASCII));
                o.write(0xa3);
                o.write(chunk.getBytes(StandardCharsets.US_ASCII));
                byte[] out = b.toByteArray();
                if (out.length != size) {
                    throw new IllegalStateException("built " + out.length + " bytes, meant " + size);
                }
                return out;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
