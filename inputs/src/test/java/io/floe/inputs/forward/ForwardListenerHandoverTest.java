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

    /** The agent's side, as small as it gets: what is left, by key; closing it closes what no input took over. */
    private static final class Shelf implements Handover, AutoCloseable {
        final Map<String, AutoCloseable> left = new HashMap<>();

        @Override
        public <T> T adopt(String key, Class<T> type) {
            return type.cast(left.remove(key));
        }

        @Override
        public void leave(String key, AutoCloseable resource) {
            left.put(key, resource);
        }

        /** The input of one configuration, on {@code port} of {@code bind}, started with this shelf to hand over. */
        ForwardInput start(TestPlugin plugin, int port, String bind) throws Exception {
            plugin.handover = this;
            ForwardInput input = new ForwardInput(ForwardConfigs.config("port " + port, "bind " + bind), plugin,
                    ForwardLimits.defaults());
            input.start();
            return input;
        }

        @Override
        public void close() throws Exception {
            for (AutoCloseable r : left.values()) {
                r.close();
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aClientConnectingBetweenTwoConfigurationsWaitsAndIsServedByTheNext() throws Exception {
        int port = freePort();
        try (Shelf shelf = new Shelf()) {
            TestPlugin first = new TestPlugin();
            ForwardInput old = shelf.start(first, port, "127.0.0.1");
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
                ForwardInput next = shelf.start(second, port, "127.0.0.1");
                try {
                    assertNull(shelf.left.get("forward:" + port), "adopted");
                    assertEquals("c2", waiting.readAck());
                    assertEquals(1, second.router.count());
                    assertEquals(1, first.router.count(), "the old input emitted only what it acknowledged");
                    assertTrue(second.log.lines.stream().anyMatch(l -> l.text().startsWith("took over the listening socket")));
                } finally {
                    next.stop();
                }
            }
        }
    }

    @Test
    void aListenerOnAnotherAddressIsClosedAndBoundAnew() throws Exception {
        int port = freePort();
        try (Shelf shelf = new Shelf()) {
            shelf.start(new TestPlugin(), port, "127.0.0.1").stop();
            TestPlugin second = new TestPlugin();
            ForwardInput next = shelf.start(second, port, "0.0.0.0");
            try {
                assertTrue(second.log.lines.stream().noneMatch(l -> l.text().startsWith("took over")));
                try (ForwardClient c = ForwardClient.connect(port)) {
                    c.send(list("t", 1, map("n", 1), map("chunk", "x")));
                    assertEquals("x", c.readAck());
                }
            } finally {
                next.stop();
            }
        }
    }
}
