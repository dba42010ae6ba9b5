package io.floe.inputs.forward;

import static io.floe.testkit.Mp.list;
import static io.floe.testkit.Mp.map;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.inputs.RecordingRouter;
import io.floe.testkit.ForwardClient;
import io.floe.testkit.Mp;
import io.floe.codec.event.EventTime;
import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A real input on real sockets: every mode, the heartbeat, pause and resume, stop. */
class ForwardInputTest extends WithRunningInput {
    @Test
    void portZeroPicksAFreePortForTcpAndTheUdpHeartbeat() throws Exception {
        in = RunningInput.start();
        assertTrue(in.port() > 0);
        assertTrue(in.plugin.log.lines.stream().anyMatch(l -> l.text().equals("listening port port=" + in.port() + " bind=\"127.0.0.1\"")));
        try (DatagramSocket udp = new DatagramSocket()) {
            udp.setSoTimeout(5000);
            byte[] ping = "heartbeat".getBytes();
            udp.send(new DatagramPacket(ping, ping.length, InetAddress.getLoopbackAddress(), in.port()));
            DatagramPacket reply = new DatagramPacket(new byte[16], 16);
            udp.receive(reply);
            assertEquals(1, reply.getLength());
            assertEquals(0, reply.getData()[0]);
            assertEquals(in.port(), reply.getPort());
        }
    }

    @Test
    void everyModeIsEmittedAndAcknowledged() throws Exception {
        in = RunningInput.start();
        byte[] packed = Mp.stream(list(new Mp.Time(3, 0), map("m", "packed")), list(new Mp.Time(4, 0), map("m", "packed")));
        try (ForwardClient c = in.connect()) {
            c.send(list("t.message", new Mp.Int(1795236011, 0xd2), map("m", "message"), map("chunk", "a1")));
            assertEquals("a1", c.readAck());
            c.send(new byte[] {(byte) 0xc0}); // the TCP heartbeat: ignored
            c.send(list("t.forward", list(list(1, map("m", "forward")), list(2, map("m", "forward"))), map("chunk", "a2")));
            assertEquals("a2", c.readAck());
            c.send(list("t.packed", packed, map("chunk", "a3", "size", 2)));
            assertEquals("a3", c.readAck());
            c.send(list("t.packed", new Mp.Str(packed, 32), map("chunk", "a4")));
            assertEquals("a4", c.readAck());
            c.send(list("t.gzip", Mp.gzipMembers(packed, packed), map("chunk", "a5\n", "compressed", "gzip")));
            assertEquals("a5\n", c.readAck());
        }
        List<String> tags = in.plugin.router.emits.stream().map(RecordingRouter.Emit::tag).toList();
        assertEquals(List.of("t.message", "t.forward", "t.packed", "t.packed", "t.gzip"), tags);
        assertEquals(11, in.plugin.router.count());
        assertEquals(new EventTime(1795236011, 0), in.plugin.router.events().get(0).time());
        assertEquals(5, in.plugin.metrics.emitCount.sum());
        assertEquals(11, in.plugin.metrics.emitRecords.sum());
    }

    @Test
    void messagesWithoutChunkAreEmittedWithoutReply() throws Exception {
        in = RunningInput.start();
        try (ForwardClient c = in.connect()) {
            for (int i = 0; i < 100; i++) {
                c.send(list("t", i + 1, map("i", i)));
            }
            in.awaitEvents(100);
            assertFalse(c.closedByServer(300), "no reply, no close");
        }
    }

    @Test
    void pauseStopsReadingEveryConnectionAndResumeCatchesUp() throws Exception {
        in = RunningInput.start();
        try (ForwardClient c = in.connect()) {
            c.send(list("t", 1, map("i", 0), map("chunk", "first")));
            assertEquals("first", c.readAck());
            in.input.pause();
            try (ForwardClient late = ForwardClient.connect(in.port())) {
                c.send(list("t", 1, map("i", 1)));
                late.send(list("t", 1, map("i", 2)));
                await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30)).until(() -> in.plugin.router.count() == 1);
                in.input.resume();
                in.awaitEvents(3);
            }
        }
    }

    @Test
    void jsonClientsAreAnsweredInJson() throws Exception {
        in = RunningInput.start();
        try (Socket s = new Socket("127.0.0.1", in.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("[\"t.json\",1795236011,{\"k\":\"v\"},{\"chunk\":\"j1\"}]".getBytes(StandardCharsets.UTF_8));
            byte[] expected = "{\"ack\":\"j1\"}".getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(expected, s.getInputStream().readNBytes(expected.length));
        }
        assertEquals(map("k", "v"), in.plugin.router.records().get(0));
    }

    @Test
    void sourceAddressKeyAndTagPrefixApplyOnTheWire() throws Exception {
        in = RunningInput.start("source_address_key client", "add_tag_prefix fwd");
        try (ForwardClient c = in.connect()) {
            c.send(list("app", 1, map("k", "v"), map("chunk", "s1")));
            assertEquals("s1", c.readAck());
        }
        assertEquals("fwd.app", in.plugin.router.emits.get(0).tag());
        assertEquals(map("k", "v", "client", "127.0.0.1"), in.plugin.router.records().get(0));
    }

    @Test
    void denyKeepaliveClosesAfterOneMessage() throws Exception {
        in = RunningInput.start("deny_keepalive true");
        try (ForwardClient c = in.connect()) {
            c.send(list("app", 1, map("k", "v"), map("chunk", "only")));
            assertEquals("only", c.readAck());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void stopClosesConnectionsAndFreesThePort() throws Exception {
        in = RunningInput.start();
        int port = in.port();
        ForwardClient c = in.connect();
        c.send(list("app", 1, map("k", "v"), map("chunk", "x")));
        assertEquals("x", c.readAck());
        in.close();
        in = null;
        assertTrue(c.closedByServer());
        c.close();
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void aPortInUseFailsStartCleanly() throws Exception {
        in = RunningInput.start();
        ForwardInput second = new ForwardInput(ForwardConfigs.config("port " + in.port(), "bind 127.0.0.1"), new TestPlugin());
        assertThrows(IOException.class, second::start);
        second.stop();
        try (ForwardClient c = in.connect()) {
            c.send(list("app", 1, map("k", "v"), map("chunk", "still")));
            assertEquals("still", c.readAck());
        }
    }
}
