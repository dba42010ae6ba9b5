package io.floe.inputs.forward;

import static io.floe.testkit.Mp.list;
import static io.floe.testkit.Mp.map;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.floe.testkit.ForwardClient;
import io.floe.testkit.Mp;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.komamitsu.fluency.Fluency;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;

/**
 * Random and mutated frames against a running input while well-behaved clients stream: the input never
 * dies, bad connections close (each logged once, never with an unexpected exception), nothing leaks,
 * and the well-behaved clients lose nothing.
 */
class ForwardInputFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int FRAMES = 100_000;

    /** Valid frames of every mode, the material mutations start from. */
    static List<byte[]> seeds() {
        byte[] entries = Mp.stream(list(new Mp.Time(1795236016, 5), map("log", "packed", "n", 1)), list(1795236017, map("a", list(1, 2.5))));
        return List.of(
                Mp.pack(list("fz.m", new Mp.Int(1795236011, 0xd2), map("log", "docker line", "source", "stdout"), map())),
                Mp.pack(list("fz.m", new Mp.Time(1795236016, 927798288), map("log", "x"), map("chunk", "tCABawAAAACSGzaj6SDsBQ=="))),
                Mp.pack(list("fz.f", list(list(1, map("k", "v")), list(list(new Mp.Time(1, 2), map()), map("fb", true))), map("size", 2))),
                Mp.pack(list("fz.p", entries, map("chunk", "c1", "size", 2))),
                Mp.pack(list("fz.p", new Mp.Str(entries, 32), map("chunk", "c2\n"))),
                Mp.pack(list("fz.g", Mp.gzipMembers(entries, entries), map("compressed", "gzip", "chunk", "g1"))),
                Mp.pack(list("fz.s", new byte[] {1, 2, 3}, map("fluent_signal", 1))),
                new byte[] {(byte) 0xc0});
    }

    static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        switch (r.nextInt(8)) {
            case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            case 1 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            case 2 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1));
            case 3 -> {
                int at = r.nextInt(b.length);
                byte[] junk = new byte[1 + r.nextInt(8)];
                r.nextBytes(junk);
                b = Mp.concat(Arrays.copyOf(b, at), junk, Arrays.copyOfRange(b, at, b.length));
            }
            case 4 -> b[r.nextInt(b.length)] = (byte) (0xc0 + r.nextInt(32)); // a type byte where it does not belong
            case 5 -> {
                byte[] junk = new byte[r.nextInt(64)];
                r.nextBytes(junk);
                b = junk;
            }
            case 6 -> {
                for (int i = 0; i < 3; i++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
            default -> {
                // unchanged: some valid frames keep the connection going longer
            }
        }
        return b;
    }

    @Test
    void theInputSurvivesRandomAndMutatedFramesWhileValidClientsLoseNothing() throws Exception {
        System.out.println("fuzz seed " + SEED + " (rerun with -Dfuzz.seed=" + SEED + ")");
        try (RunningInput in = RunningInput.start(RunningInput.quickLimits())) {
            ExecutorService pool = Executors.newFixedThreadPool(7);
            AtomicLong sent = new AtomicLong();
            AtomicLong connections = new AtomicLong();
            Set<String> acked = ConcurrentHashMap.newKeySet();
            List<Future<?>> valid = new ArrayList<>();
            for (int v = 0; v < 2; v++) {
                int client = v;
                valid.add(pool.submit(() -> validClient(in.port(), client, acked, sent)));
            }
            valid.add(pool.submit(() -> fluencyClient(in.port(), acked, sent)));
            List<Future<?>> fuzzers = new ArrayList<>();
            for (int f = 0; f < 4; f++) {
                Random r = new Random(SEED + f);
                fuzzers.add(pool.submit(() -> fuzzer(in.port(), r, sent, connections)));
            }
            for (Future<?> f : fuzzers) {
                f.get();
            }
            for (Future<?> f : valid) {
                f.get();
            }
            pool.shutdown();

            assertTrue(sent.get() >= FRAMES, sent.get() + " frames");
            Set<String> received = ConcurrentHashMap.newKeySet();
            in.plugin.router.records().forEach(rec -> {
                if (rec.containsKey("valid_client")) {
                    received.add(rec.get("valid_client") + "/" + rec.get("seq"));
                }
            });
            Set<String> lost = new java.util.TreeSet<>(acked);
            lost.removeAll(received);
            assertEquals(Set.of(), lost, "acknowledged but not emitted");
            assertEquals(List.of(), in.plugin.router.problems, "streams the router could not decode");
            List<String> warnings = in.plugin.log.warnings();
            assertTrue(warnings.size() <= connections.get(), "at most one warning per connection");
            for (String w : warnings) {
                if (w.contains("Exception") || w.contains("Error:")) {
                    fail("an unexpected failure, not a protocol error: " + w);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> in.input.connections() == 0);
            try (ForwardClient c = in.connect()) {
                c.send(list("after", 1, map("k", "v"), map("chunk", "alive")));
                assertEquals("alive", c.readAck());
            }
            System.out.printf("fuzz: %d frames on %d connections, %d closed as bad (num_errors), %d events emitted, %d valid events checked%n",
                    sent.get(), connections.get(), in.plugin.metrics.numErrors.sum(), in.plugin.router.count(), acked.size());
        }
    }

    private static void fuzzer(int port, Random r, AtomicLong sent, AtomicLong connections) {
        List<byte[]> seeds = seeds();
        while (sent.get() < FRAMES) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            int n = 10 + r.nextInt(90);
            for (int i = 0; i < n; i++) {
                batch.writeBytes(r.nextInt(4) == 0 ? seeds.get(r.nextInt(seeds.size())) : mutate(seeds.get(r.nextInt(seeds.size())), r));
            }
            connections.incrementAndGet();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                s.setSoTimeout(10_000);
                s.getOutputStream().write(batch.toByteArray());
                sent.addAndGet(n);
                s.shutdownOutput();
                drain(s.getInputStream());
            } catch (IOException closedByServer) {
                sent.addAndGet(0); // a reset while writing: the server already judged the connection
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        while (in.read(buf) >= 0) {
            // acks of the frames that happened to be valid
        }
    }

    /** Streams Forward-mode messages with acks; remembers what was acknowledged. */
    private static void validClient(int port, int client, Set<String> acked, AtomicLong fuzzSent) {
        int seq = 0;
        try (ForwardClient c = ForwardClient.connect(port)) {
            while (fuzzSent.get() < FRAMES || seq < 200) {
                Object[] entries = new Object[10];
                for (int i = 0; i < entries.length; i++) {
                    entries[i] = list(new Mp.Time(1795236016, i), map("valid_client", client, "seq", seq + i));
                }
                String chunk = "v" + client + "-" + seq;
                c.send(list("valid.client", list(entries), map("chunk", chunk)));
                assertEquals(chunk, c.readAck());
                for (int i = 0; i < entries.length; i++) {
                    acked.add(client + "/" + (seq + i));
                }
                seq += entries.length;
            }
        } catch (IOException e) {
            throw new AssertionError("a valid client was disturbed", e);
        }
    }

    /** Fluency in ack mode alongside: what it has flushed, the input acknowledged, so it must be there. */
    private static Void fluencyClient(int port, Set<String> acked, AtomicLong fuzzSent) throws Exception {
        FluencyBuilderForFluentd builder = new FluencyBuilderForFluentd();
        builder.setAckResponseMode(true);
        builder.setFlushAttemptIntervalMillis(20);
        Fluency fluency = builder.build("127.0.0.1", port);
        int seq = 0;
        try {
            // Paced by its own acks, like the other valid clients: a batch, then wait until it is acknowledged.
            while (seq < 1000 || (fuzzSent.get() < FRAMES && seq < 50_000)) {
                for (int i = 0; i < 100; i++, seq++) {
                    fluency.emit("valid.fluency", Map.of("valid_client", "fluency", "seq", seq));
                }
                fluency.flush();
                assertTrue(fluency.waitUntilAllBufferFlushed(30), "Fluency's batch acknowledged");
            }
            fluency.flush();
            assertTrue(fluency.waitUntilAllBufferFlushed(30), "Fluency flushed everything");
        } finally {
            fluency.close();
        }
        for (int i = 0; i < seq; i++) {
            acked.add("fluency/" + i);
        }
        return null;
    }

    @Test
    void thePipelineOnlyEverFailsWithProtocolErrors() {
        Random r = new Random(SEED);
        List<byte[]> seeds = seeds();
        TestPlugin plugin = new TestPlugin();
        int channels = 0;
        int closed = 0;
        for (int sentFrames = 0; sentFrames < FRAMES; channels++) {
            EmbeddedChannel ch = pipeline(plugin);
            int n = 1 + r.nextInt(100);
            for (int i = 0; i < n && ch.isOpen(); i++, sentFrames++) {
                byte[] frame = mutate(seeds.get(r.nextInt(seeds.size())), r);
                try {
                    ch.writeInbound(Unpooled.wrappedBuffer(frame));
                } catch (RuntimeException | Error e) {
                    throw new AssertionError("frame " + io.netty.buffer.ByteBufUtil.hexDump(frame) + " (seed " + SEED + ")", e);
                }
            }
            closed += ch.isOpen() ? 0 : 1;
            ch.finishAndReleaseAll();
        }
        assertEquals(List.of(), plugin.router.problems);
        for (String w : plugin.log.warnings()) {
            if (w.contains("Exception") || w.contains("Error")) {
                fail("an unexpected failure, not a protocol error: " + w);
            }
        }
        assertEquals(closed, plugin.metrics.numErrors.sum(), "every closed channel was logged and counted once");
        assertTrue(closed > channels / 2, closed + " of " + channels + " channels closed");
        System.out.printf("embedded fuzz: %d frames on %d channels, %d closed as bad, %d events emitted%n",
                FRAMES, channels, closed, plugin.router.count());
    }

    private static EmbeddedChannel pipeline(TestPlugin plugin) {
        return new EmbeddedChannel(new ForwardFrameDecoder(1 << 20, Duration.ofSeconds(60)), new ForwardMessageDecoder(false, 1 << 20),
                new PartialMessageJoiner(1 << 20, Duration.ofSeconds(5)),
                new ForwardEventHandler(plugin, new ForwardEventHandler.Settings(null, "p", "ip", null, false, false, 0, 64), Runnable::run, new RefusalLog(plugin)),
                new ForwardErrorHandler(plugin.log, plugin.metrics));
    }
}
