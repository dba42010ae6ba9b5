package io.floe.inputs.forward;

import static io.floe.testkit.Mp.list;
import static io.floe.testkit.Mp.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.testkit.ForwardClient;
import io.floe.api.Handover;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A reload as the forward input sees it: the stopping input leaves its listener, the next one takes it
 * over; a client that connects in between is not refused, waits, and is served by the next input.
 */
class ForwardListenerHandoverTest {

    /** The agent's side, as small as it gets: what is left, by key. */
    private static final class Shelf implements Handover {
        final Map<String, AutoCloseable> left = new HashMap<>();

        @Override
        public <T> T adopt(String key, Class<T> type) {
            return type.cast(left.remove(key));
        }

        @Override
        public void leave(String key, AutoCloseable resource) {
            left.put(key, resource);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static ForwardInput input(TestPlugin plugin, int port, String bind) {
        return new ForwardInput(ForwardConfigs.config("port " + port, "bind " + bind), plugin, ForwardLimits.defaults());
    }

    @Test
    void aClientConnectingBetweenTwoConfigurationsWaitsAndIsServedByTheNext() throws Exception {
        int port = freePort();
        Shelf shelf = new Shelf();
        TestPlugin first = new TestPlugin();
        first.handover = shelf;
        ForwardInput old = input(first, port, "127.0.0.1");
        old.start();
        try (ForwardClient c = ForwardClient.connect(port)) {
            c.send(list("t.old", 1, map("n", 1), map("chunk", "c1")));
            assertEquals("c1", c.readAck());
            old.stop();
            assertTrue(c.closedByServer(30_000), "a stopping input ends its connections once their acks are out");
        }
        assertNotNull(shelf.left.get("forward:" + port), "the listener is left, still bound");

        // Between the two configurations: the connection is accepted by the kernel and waits.
        try (ForwardClient waiting = ForwardClient.connect(port)) {
            waiting.send(list("t.new", 2, map("n", 2), map("chunk", "c2")));
            try (DatagramSocket udp = new DatagramSocket()) {
                udp.setSoTimeout(5000);
                udp.send(new DatagramPacket(new byte[] {1}, 1, InetAddress.getLoopbackAddress(), port));
                udp.receive(new DatagramPacket(new byte[4], 4));
            }
            TestPlugin second = new TestPlugin();
            second.handover = shelf;
            ForwardInput next = input(second, port, "127.0.0.1");
            next.start();
            try {
                assertNull(shelf.left.get("forward:" + port), "adopted");
                assertEquals("c2", waiting.readAck());
                assertEquals(1, second.router.count());
                assertEquals(1, first.router.count(), "the old input emitted only what it acknowledged");
                assertTrue(second.log.lines.stream().anyMatch(l -> l.text().startsWith("took over the listening socket")));
            } finally {
                next.stop();
                shelf.left.values().forEach(r -> {
                    try {
                        r.close();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
            }
        }
    }

    @Test
    void aListenerOnAnotherAddressIsClosedAndBoundAnew() throws Exception {
        int port = freePort();
        Shelf shelf = new Shelf();
        TestPlugin first = new TestPlugin();
        first.handover = shelf;
        ForwardInput old = input(first, port, "127.0.0.1");
        old.start();
        old.stop();
        TestPlugin second = new TestPlugin();
        second.handover = shelf;
        ForwardInput next = input(second, port, "0.0.0.0");
        next.start();
        try {
            assertTrue(second.log.lines.stream().noneMatch(l -> l.text().startsWith("took over")));
            try (ForwardClient c = ForwardClient.connect(port)) {
                c.send(list("t", 1, map("n", 1), map("chunk", "x")));
                assertEquals("x", c.readAck());
            }
        } finally {
            next.stop();
            for (AutoCloseable r : shelf.left.values()) {
                r.close();
            }
        }
    }
}
