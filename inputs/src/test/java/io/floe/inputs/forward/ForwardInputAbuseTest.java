package io.floe.inputs.forward;

import static io.floe.testkit.Mp.list;
import static io.floe.testkit.Mp.map;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.testkit.ForwardClient;
import io.floe.testkit.Mp;
import io.floe.testkit.Gzip;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken clients on real sockets. Each costs only its own connection: closed, logged once
 * with its address, counted in num_errors, while a well-behaved client goes on being served.
 */
class ForwardInputAbuseTest extends WithRunningInput {
    /** Runs one attack on its own connection and checks what it cost. */
    private void assertOnlyThatConnectionPays(String expectedReason, Attack attack) throws Exception {
        long errorsBefore = in.plugin.metrics.numErrors.sum();
        int warningsBefore = in.plugin.log.warnings().size();
        int port;
        try (ForwardClient bad = in.connect()) {
            port = bad.socket().getLocalPort();
            try {
                attack.run(bad);
            } catch (IOException closedMidAttack) {
                // the server may close while the attack is still writing
            }
            assertTrue(bad.closedByServer(), "closed: " + expectedReason);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> in.plugin.metrics.numErrors.sum() == errorsBefore + 1);
        List<String> warnings = in.plugin.log.warnings();
        assertEquals(warningsBefore + 1, warnings.size(), "logged once: " + warnings);
        String w = warnings.get(warnings.size() - 1);
        assertTrue(w.startsWith("closing forward connection from 127.0.0.1:" + port + ": "), w);
        assertTrue(w.contains(expectedReason), w);
        assertGoodClientServed();
    }

    private void assertGoodClientServed() throws Exception {
        try (ForwardClient good = in.connect()) {
            good.send(list("good", 1, map("k", "v"), map("chunk", "ok")));
            assertEquals("ok", good.readAck());
        }
    }

    @FunctionalInterface
    interface Attack {
        void run(ForwardClient c) throws Exception;
    }

    @Test
    void garbage() throws Exception {
        in = RunningInput.start();
        assertOnlyThatConnectionPays("not valid msgpack", c -> c.send(new byte[] {(byte) 0x92, (byte) 0xc1, 1, 2, 3}));
        assertOnlyThatConnectionPays("expected an array", c -> c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertOnlyThatConnectionPays("expected an array", c -> c.send(Mp.pack(map("tag", "x"))));
    }

    @Test
    void wrongTypesInEveryPosition() throws Exception {
        in = RunningInput.start();
        Object rec = map("k", "v");
        for (Object[] c : new Object[][] {
            {"tag is an integer", list(1, 1, rec)},
            {"tag is a map", list(map(), list(), map())},
            {"has 4 elements", list("t", list(list(1, rec)), map(), 5)},
            {"options is an array", list("t", 1, rec, list())},
            {"options is a string", list("t", list(list(1, rec)), "chunk")},
            {"time is a map", list("t", map(), rec)},
            {"time is a string", list("t", list(list("noon", rec)))},
            {"time is a string", list("t", Mp.stream(list("noon", rec)))},
            {"record is a string", list("t", 1, "record")},
            {"record is an array", list("t", list(list(1, list())))},
            {"entry is an integer", list("t", list(5))},
            {"option chunk is an integer", list("t", 1, rec, map("chunk", 12))},
            {"has 1 elements", list("t")}}) {
            assertOnlyThatConnectionPays((String) c[0], client -> client.send(c[1]));
        }
        assertEquals(13, in.plugin.router.count(), "only the good clients' events");
    }

    @Test
    void truncatedFramesTimeOut() throws Exception {
        in = RunningInput.start(RunningInput.quickLimits());
        byte[] frame = Mp.pack(list("t", 1, map("k", "v"), map("chunk", "never")));
        assertOnlyThatConnectionPays("message incomplete after 2.0s", c -> c.send(Arrays.copyOf(frame, frame.length - 1)));
        byte[] header = {(byte) 0xdd, 0, 0, 0, 3, (byte) 0xa1, 't'}; // array32 of 3 holding only the tag
        assertOnlyThatConnectionPays("message incomplete", c -> c.send(header));
    }

    @Test
    void aClientThatDisconnectsMidFrameIsNotAnError() throws Exception {
        in = RunningInput.start();
        byte[] frame = Mp.pack(list("t", 1, map("k", "v")));
        try (ForwardClient c = in.connect()) {
            c.send(Arrays.copyOf(frame, 5));
        }
        assertGoodClientServed();
        await().atMost(Duration.ofSeconds(30)).until(() -> in.input.connections() == 0);
        assertEquals(0, in.plugin.metrics.numErrors.sum());
    }

    @Test
    void aFrameOverChunkSizeLimit() throws Exception {
        in = RunningInput.start("chunk_size_limit 1k");
        assertOnlyThatConnectionPays("larger than the limit of 1024 bytes", c -> c.send(list("t", 1, map("log", "x".repeat(2000)))));
        // Refused on the header alone: a 4 GiB bin announced, none of it sent.
        assertOnlyThatConnectionPays("larger than the limit", c -> c.send(new byte[] {(byte) 0x92, (byte) 0xa1, 't', (byte) 0xc6, -1, -1, -1, -1}));
    }

    @Test
    void aGzipBomb() throws Exception {
        in = RunningInput.start();
        byte[] bomb = Gzip.zeros(1024);
        assertTrue(bomb.length < 2 << 20, "1 GiB of zeros in " + bomb.length + " bytes");
        assertOnlyThatConnectionPays("gzip payload inflates beyond the limit of 67108864 bytes",
                c -> c.send(list("t", bomb, map("compressed", "gzip", "chunk", "boom"))));
        assertEquals(1, in.plugin.router.count(), "the good client's event, nothing from the bomb");
    }

    @Test
    void aClientThatNeverReadsItsAcks() throws Exception {
        in = RunningInput.start(RunningInput.quickLimits());
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", in.port()));
        int port = s.getLocalPort();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            byte[] batch = batchOfAckedMessages(100);
            try (OutputStream out = s.getOutputStream()) {
                while (writing.get()) {
                    out.write(batch); // blocks once the server stops reading this connection
                }
            } catch (IOException closed) {
                // the server gave up on us
            }
        });
        writer.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> in.plugin.metrics.numErrors.sum() == 1);
        } finally {
            writing.set(false);
            s.close();
            writer.join(10_000);
        }
        List<String> w = in.plugin.log.warnings();
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("closing forward connection from 127.0.0.1:" + port + ": client does not read its acks"), w.get(0));
        assertGoodClientServed();
    }

    @Test
    void oneBytePerSecond() throws Exception {
        in = RunningInput.start(RunningInput.quickLimits());
        byte[] frame = Mp.pack(list("t", 1, map("log", "slow")));
        assertOnlyThatConnectionPays("message incomplete", c -> {
            for (byte b : frame) {
                c.send(new byte[] {b});
                Thread.sleep(1000); // the attack itself: a byte a second, slower than the 2s frame deadline allows
                if (c.socket().isClosed()) {
                    return;
                }
            }
        });
    }

    @Test
    void fiveThousandIdleConnectionsCostLittleAndBlockNobody() throws Exception {
        in = RunningInput.start();
        long before = usedHeap();
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 5000; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", in.port()));
                idle.add(s);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> in.input.connections() == 5000);
            assertGoodClientServed();
            long grown = usedHeap() - before;
            // Both ends of 5000 connections live in this JVM; the server side alone is a fraction of this.
            assertTrue(grown < 100L << 20, "heap grew " + (grown >> 20) + " MiB for 5000 idle connections");
            System.out.printf("5000 idle connections: heap +%d KiB (both ends), %d B per connection%n", grown >> 10, grown / 5000);
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> in.input.connections() == 0);
        assertEquals(0, in.plugin.metrics.numErrors.sum());
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Messages whose acks are large (a 1 KiB chunk id each), so the socket buffers fill after a few thousand. */
    static byte[] batchOfAckedMessages(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String pad = "x".repeat(1024);
        for (int i = 0; i < n; i++) {
            out.writeBytes(Mp.pack(list("t", 1, map("i", i), map("chunk", pad + i))));
        }
        return out.toByteArray();
    }
}
