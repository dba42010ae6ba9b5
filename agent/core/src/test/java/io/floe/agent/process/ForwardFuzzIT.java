package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.bench.Entries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * 100,000 random and mutated frames against the running agent process while a well-behaved client
 * streams with acks: the agent never dies, its connections and heap come back to where they were, and
 * the well-behaved client loses nothing.
 */
class ForwardFuzzIT {
    private static final int FRAMES = 100_000;
    private static final int FRAMES_PER_CONNECTION = 50;
    private static final int VALID_EVENTS = 200_000;

    @Test
    void garbageNeverHurtsTheAgentOrTheGoodClients(Agents agents) throws Exception {
        int port = agents.freePort();
        Path out = agents.path("out");
        AgentProcess agent = agents.running("fuzz.conf", FluentConf.goodEventsKept(port, out, "chunk_size_limit 1m"));
        long heapBefore = heapAfterFullGc(agent.pid());

        ForwardFeeder good = new ForwardFeeder(port, "good.events", 500, 4);
        CompletableFuture<Void> valid = good.sendAsync(VALID_EVENTS, Duration.ofMinutes(5));
        long seed = System.nanoTime();
        int sent = fuzz(port, new Random(seed));
        valid.get(5, TimeUnit.MINUTES);

        assertTrue(agent.isAlive(), "the agent survived " + sent + " bad frames (seed " + seed + ")");
        assertFalse(agent.stderr().contains("OutOfMemoryError"), "no OutOfMemoryError was logged:\n" + agent.stderr());
        assertEquals(0, good.reconnects(), "the good client's connection was never disturbed");
        OutputFiles.awaitAll(out, VALID_EVENTS, Duration.ofSeconds(60));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> connections(port) == 0);
        long heapAfter = heapAfterFullGc(agent.pid());
        assertTrue(heapAfter < heapBefore + (8L << 20), "heap back near its baseline: " + (heapBefore >> 10) + " KiB before, "
                + (heapAfter >> 10) + " KiB after");
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));
        System.out.printf("fuzz: %d frames over %d connections (seed %d), agent alive, good client: %d events, 0 lost%n",
                sent, sent / FRAMES_PER_CONNECTION, seed, VALID_EVENTS);
    }

    /** Sends FRAMES mutated frames, FRAMES_PER_CONNECTION per connection; the agent may close a connection at any point. */
    private static int fuzz(int port, Random r) throws IOException {
        List<byte[]> seeds = seeds();
        int sent = 0;
        while (sent < FRAMES) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                s.setSoLinger(true, 0);
                OutputStream o = s.getOutputStream();
                for (int i = 0; i < FRAMES_PER_CONNECTION && sent < FRAMES; i++, sent++) {
                    o.write(mutate(seeds.get(r.nextInt(seeds.size())), r));
                }
                o.flush();
            } catch (IOException closedByTheAgent) {
                // expected: a bad frame closes its connection
            }
        }
        return sent;
    }

    private static List<byte[]> seeds() throws IOException {
        byte[] entries = Entries.numbered(0, 3, 120, 1_763_700_000L);
        return List.of(
                frame(p -> {
                    p.packArrayHeader(3).packString("fz.m").packLong(1_763_700_000L);
                    p.writePayload(Entries.dockerRecord(1, 150));
                }),
                frame(p -> {
                    p.packArrayHeader(3).packString("fz.f").packArrayHeader(3);
                    p.writePayload(entries);
                    p.packMapHeader(1).packString("size").packInt(3);
                }),
                frame(p -> {
                    p.packArrayHeader(3).packString("fz.p").packBinaryHeader(entries.length);
                    p.writePayload(entries);
                    p.packMapHeader(2).packString("size").packInt(3).packString("chunk").packString("x");
                }),
                frame(p -> {
                    byte[] gz = gzip(entries);
                    p.packArrayHeader(3).packString("fz.g").packBinaryHeader(gz.length);
                    p.writePayload(gz);
                    p.packMapHeader(1).packString("compressed").packString("gzip");
                }));
    }

    private static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        switch (r.nextInt(7)) {
            case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            case 1 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            case 2 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
            case 3 -> {
                for (int i = 0; i < 1 + r.nextInt(8); i++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
            case 4 -> {
                byte[] junk = new byte[1 + r.nextInt(256)];
                r.nextBytes(junk);
                b = junk;
            }
            case 5 -> b[0] = (byte) (0xdc + r.nextInt(4)); // a wrong container type up front
            default -> {
                // an absurd length where a str/bin/array header starts
                int at = r.nextInt(b.length);
                b[at] = (byte) 0xdb;
            }
        }
        return b;
    }

    private interface Body {
        void write(MessageBufferPacker p) throws IOException;
    }

    private static byte[] frame(Body body) throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            body.write(p);
            return p.toByteArray();
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
            gz.write(data);
        }
        return bo.toByteArray();
    }

    /** Established TCP connections to the agent's forward port (its side of them). */
    private static long connections(int port) throws Exception {
        String out = run("ss", "-Htn", "state", "established", "( sport = :" + port + " )");
        return out.lines().filter(l -> !l.isBlank()).count();
    }

    /** Heap in use after a full collection, through jcmd from the JDK running these tests. */
    private static long heapAfterFullGc(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, Long.toString(pid), "GC.run");
        String info = run(jcmd, Long.toString(pid), "GC.heap_info");
        Matcher m = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K").matcher(info);
        long used = 0;
        while (m.find()) {
            used += Long.parseLong(m.group(1)) * 1024;
        }
        assertTrue(used > 0, info);
        return used;
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
