package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.testkit.Gzip;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Hostile clients against the agent's forward input with its defaults (128 MiB heap, 16 MiB frames,
 * decompression_size_limit the largest message, receive_buffer_size_limit 16m): gzip bombs of 1 GiB and 10 GiB, then
 * 200 connections that each start a 12 MiB message and stop halfway, all at once, while a careful
 * client streams numbered events with acks beside each. The agent stays up, logs no OutOfMemoryError, stays under
 * 300 MiB of resident memory, and the careful client loses nothing.
 */
class ForwardMemoryBoundsIT {
    private static final int STALLERS = 200;
    /** Within the largest message a 128 MiB heap accepts (an eighth of it). */
    private static final int STALLED_FRAME = 12 << 20;
    private static final int BOMB_PHASE_EVENTS = 5_000;
    private static final int STALL_PHASE_EVENTS = 20_000;
    private static final long RSS_LIMIT = 300L << 20;

    @Test
    void bombsAndHalfSentFramesCostBoundedMemoryAndNoGoodEvent(Agents agents) throws Exception {
        int port = agents.freePort();
        Path out = agents.path("out");
        // 1 GiB of zeros as one gzip member (about 1 MB); ten of them back to back are a valid 10 GiB body.
        // Made without running gzip over them, so the test spends its time on the agent.
        byte[] gib = Gzip.zeros(1024);
        byte[] tenGib = new byte[gib.length * 10];
        for (int i = 0; i < 10; i++) {
            System.arraycopy(gib, 0, tenGib, i * gib.length, gib.length);
        }

        AgentProcess agent = agents.running("bounds.conf", FluentConf.goodEventsKept(port, out, "@id in_hostile"));
        String cmdline = Files.readString(Path.of("/proc", Long.toString(agent.pid()), "cmdline")).replace('\0', ' ');
        assertTrue(cmdline.contains("-XX:+ExitOnOutOfMemoryError"), "a real OutOfMemoryError would end the agent: " + cmdline);

        // Phase 1: the bombs, while the careful client streams.
        CompletableFuture<ForwardFeeder> beforeStalls = feed(port, 0, BOMB_PHASE_EVENTS);
        boolean[] refused;
        try {
            refused = new boolean[] {bombRefused(port, "bomb.1g", gib), bombRefused(port, "bomb.10g", tenGib)};
        } catch (IOException e) {
            throw new AssertionError("agent alive: " + agent.isAlive() + "; its log:\n" + agent.stderr(), e);
        }
        assertTrue(refused[0] && refused[1], "each bomb's connection was closed without an ack");
        agent.awaitLogCount("gzip payload inflates beyond the limit of ", 2, Duration.ofSeconds(30));
        assertEquals(0, beforeStalls.get(4, TimeUnit.MINUTES).connectFailures());

        // Phase 2: 200 connections each send half of a 12 MiB message and stop; once all of them have
        // pushed more than the agent may hold, the careful client streams beside them.
        ExecutorService stallers = Executors.newFixedThreadPool(STALLERS);
        List<Socket> sockets = new ArrayList<>();
        AtomicLong stalledBytes = new AtomicLong();
        try {
            for (int i = 0; i < STALLERS; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                sockets.add(s);
                stallers.submit(() -> sendHalfAFrame(s, stalledBytes));
            }
            Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                    .until(() -> stalledBytes.get() >= (long) STALLERS << 20);
            assertEquals(0, feed(port, BOMB_PHASE_EVENTS, STALL_PHASE_EVENTS).get(4, TimeUnit.MINUTES).connectFailures());
            assertTrue(agent.isAlive(), "the agent is up");
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
            stallers.shutdownNow();
            stallers.awaitTermination(30, TimeUnit.SECONDS);
        }
        int total = BOMB_PHASE_EVENTS + STALL_PHASE_EVENTS;
        OutputFiles.awaitAll(out, total, Duration.ofSeconds(60));
        long peak = statusKiB(agent.pid(), "VmHWM") << 10;
        String log = agent.stderr();
        assertFalse(log.contains("OutOfMemoryError"), "no OutOfMemoryError in the agent's log:\n" + log);
        assertFalse(log.contains("OutOfDirectMemory"), log);
        assertEquals(2, log.lines().filter(l -> l.contains("inflates beyond")).count(), "one warning per bomb connection:\n" + log);
        assertTrue(peak < RSS_LIMIT, "peak resident memory " + (peak >> 20) + " MiB, under " + (RSS_LIMIT >> 20) + " MiB");
        int status = agent.stop(Duration.ofSeconds(60));
        assertEquals(0, status, () -> "a graceful stop; stdout:\n" + String.join("\n", agent.stdoutLines()) + "\nstderr:\n" + agent.stderr());
        System.out.printf("memory bounds: peak RSS %d MiB; %d stalled connections wrote %d MiB into their sockets (of %d MiB "
                + "they meant to send); %d good events, 0 lost%n", peak >> 20, STALLERS, stalledBytes.get() >> 20,
                (long) STALLERS * STALLED_FRAME / 2 >> 20, BOMB_PHASE_EVENTS + STALL_PHASE_EVENTS);
    }

    /** Numbered events from {@code first} on, 50 per acknowledged message, 4 messages in flight. */
    private static CompletableFuture<ForwardFeeder> feed(int port, long first, int events) {
        ForwardFeeder good = new ForwardFeeder(port, "good.events", 50, 4).firstSeq(first);
        return CompletableFuture.supplyAsync(() -> {
            try {
                good.send(events, Duration.ofMinutes(3));
                return good;
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    /** Starts a 12 MiB PackedForward message and sends its first half, as far as the agent reads it; then waits. */
    private static void sendHalfAFrame(Socket s, AtomicLong sent) {
        try {
            OutputStream o = s.getOutputStream();
            o.write(new byte[] {(byte) 0x92, (byte) 0xa7, 's', 't', 'a', 'l', 'l', 'e', 'd', (byte) 0xc6,
                (byte) (STALLED_FRAME >>> 24), (byte) (STALLED_FRAME >>> 16), (byte) (STALLED_FRAME >>> 8), (byte) STALLED_FRAME});
            byte[] block = new byte[64 << 10];
            for (int n = 0; n < STALLED_FRAME / 2; n += block.length) {
                o.write(block);
                sent.addAndGet(block.length);
            }
            o.flush();
        } catch (IOException closed) {
            // the test closes the socket (or the agent's frame timer does) while this write waits
        }
    }

    /**
     * Sends a CompressedPackedForward message of the given gzip body asking for an ack; true if the agent
     * closes the connection without acknowledging it.
     */
    private static boolean bombRefused(int port, String tag, byte[] gzip) throws IOException {
        byte[] frame;
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(3).packString(tag).packBinaryHeader(gzip.length);
            p.writePayload(gzip);
            p.packMapHeader(2).packString("compressed").packString("gzip").packString("chunk").packString("bomb");
            frame = p.toByteArray();
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(120_000);
            try {
                s.getOutputStream().write(frame);
                s.getOutputStream().flush();
                InputStream in = s.getInputStream();
                return in.read() == -1;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
    }

    /** A field of /proc/PID/status in KiB (VmHWM: the peak resident set). */
    private static long statusKiB(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException(field + " not in /proc/" + pid + "/status");
    }
}
