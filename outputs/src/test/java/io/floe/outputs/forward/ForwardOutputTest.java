package io.floe.outputs.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.Chunk;
import io.floe.api.ChunkIds;
import io.floe.api.Output;
import io.floe.api.UnrecoverableException;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventTime;
import io.floe.codec.event.Records;
import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.msgpack.MsgpackType;
import io.floe.testkit.MachineSpeed;
import io.floe.outputs.TestResources;
import io.floe.outputs.TestSupport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The output against real sockets: acks, a silent server, a closed port, and the config checks. */
class ForwardOutputTest {
    @RegisterExtension
    final TestResources resources = new TestResources();

    /** An output from config lines, started, and stopped after the test. */
    private ForwardOutput output(String... lines) throws Exception {
        ForwardOutput out = new ForwardOutput(TestSupport.bind(ForwardOutput.Config.class, lines), TestSupport.ctx());
        out.start();
        return resources.stop(out);
    }

    /** A server that acknowledges what it receives, or never answers when {@code silent}; closed after the test. */
    private TestForwardServer server(boolean silent) throws IOException {
        return resources.close(new TestForwardServer(silent));
    }

    private static String[] conf(String extra, int... ports) {
        StringBuilder s = new StringBuilder(extra);
        for (int p : ports) {
            s.append("\n<server>\nhost 127.0.0.1\nport ").append(p).append("\n</server>");
        }
        return s.toString().split("\n");
    }

    private static Chunk chunk(String tag, int events) {
        EventStream es = TestSupport.stream(new EventTime(1_700_000_000L, 0),
                IntStream.range(0, events).mapToObj(i -> TestSupport.rec("seq", i)).toArray(Map[]::new));
        return new Chunk(ChunkIds.next(), tag, null, Map.of(), List.of(new Chunk.Tagged(tag, es)));
    }

    @Test
    void aChunkIsWrittenOnceTheServerAcknowledgedIt() throws Exception {
        TestForwardServer server = server(false);
        ForwardOutput out = output(conf("require_ack_response true\nheartbeat_type none", server.port()));
        Chunk c = chunk("app.web", 3);
        assertTrue(out.write(c).isOk());
        assertEquals(List.of(new TestForwardServer.Received("app.web", 3, ForwardOutput.ackId(c.id(), 0))), server.received);
    }

    @Test
    void injectedFieldsAreInTheRecordsSent() throws Exception {
        TestForwardServer server = server(false);
        Output out = TestSupport.injecting(output(conf("require_ack_response true\nheartbeat_type none", server.port())),
                java.time.ZoneOffset.UTC, "tag_key tag", "time_key time", "time_type unixtime", "hostname_key host");
        assertTrue(out.write(chunk("app.web", 2)).isOk());
        EventStream sent = EventStream.of(server.entries.get(0), 2);
        assertEquals(List.of(TestSupport.rec("seq", 0L, "host", "node-1", "tag", "app.web", "time", 1_700_000_000L),
                        TestSupport.rec("seq", 1L, "host", "node-1", "tag", "app.web", "time", 1_700_000_000L)),
                sent.decode().stream().map(e -> e.record()).toList());
        assertEquals(new EventTime(1_700_000_000L, 0), sent.decode().get(0).time(), "the entry's time is sent as it was");
    }

    /** What Fluentd's out_forward sends with time_as_integer: a v0.12 server takes only integer times. */
    @Test
    void timeAsIntegerSendsWholeSecondsAndTheRecordsUnchanged() throws Exception {
        TestForwardServer server = server(false);
        ForwardOutput out = output(conf("require_ack_response true\nheartbeat_type none\ntime_as_integer true", server.port()));
        EventStream es = TestSupport.stream(new EventTime(1_700_000_123L, 987_654_321),
                IntStream.range(0, 3).mapToObj(i -> TestSupport.rec("seq", i)).toArray(Map[]::new));
        assertTrue(out.write(new Chunk(ChunkIds.next(), "app", null, Map.of(), List.of(new Chunk.Tagged("app", es)))).isOk());
        MsgpackCursor c = new MsgpackCursor(server.entries.get(0));
        for (int i = 0; i < 3; i++) {
            assertEquals(2, c.readArrayHeader("entry"));
            assertEquals(MsgpackType.INTEGER, c.type(), "the time is an integer, not EventTime");
            assertEquals(1_700_000_123L, c.readLong("time"));
            assertEquals(Map.of("seq", (long) i), Records.read(c));
        }
        assertFalse(c.hasNext());
        assertEquals(3, server.received.get(0).size());
    }

    /** Entries time_as_integer cannot read are so on every retry: the chunk is moved aside, the next one goes. */
    @Test
    void timeAsIntegerRefusesEntriesItCannotReadAsUnrecoverable() throws Exception {
        TestForwardServer server = server(false);
        ForwardOutput out = output(conf("require_ack_response true\nheartbeat_type none\ntime_as_integer true", server.port()));
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(2).packString("not a time").packMapHeader(1).packString("k").packString("v");
        EventStream bad = EventStream.of(p.toByteArray(), 1);
        Chunk c = new Chunk(ChunkIds.next(), "app\n", null, Map.of(), List.of(new Chunk.Tagged("app\n", bad)));
        UnrecoverableException e = assertThrows(UnrecoverableException.class, () -> out.write(c));
        assertTrue(e.getMessage().startsWith("cannot rewrite the times of tag \"app\\n\" as integers: "), e.getMessage());
        assertEquals(List.of(), server.received, "nothing of it was sent");
        assertTrue(out.write(chunk("app", 2)).isOk());
        assertEquals(1, server.received.size());
    }

    @Test
    void aChunkNotAcknowledgedInTimeGoesToTheOtherServer() throws Exception {
        TestForwardServer silent = server(true);
        TestForwardServer good = server(false);
        // The good server must always answer within the timeout: the machine's figure, not a quiet one's.
        ForwardOutput out = output(conf("require_ack_response true\nack_response_timeout "
                + MachineSpeed.allowParam(Duration.ofMillis(300)) + "\nheartbeat_type none", silent.port(), good.port()));
        for (int i = 0; i < 6; i++) {
            assertTrue(out.write(chunk("t", 2)).isOk());
        }
        assertEquals(6, good.received.size(), "every chunk was acknowledged by the good server");
        assertFalse(silent.received.isEmpty(), "the silent server was tried first at least once");
    }

    @Test
    void aServerThatIsDownIsSkippedAndTheChunkFailsWhenNoServerTakesIt() throws Exception {
        int down = TestSupport.closedPort();
        TestForwardServer good = server(false);
        ForwardOutput out = output(conf("require_ack_response true", down, good.port()));
        for (int i = 0; i < 4; i++) {
            assertTrue(out.write(chunk("t", 1)).isOk());
        }
        assertEquals(4, good.received.size());
        out.stop();
        ForwardOutput alone = output(conf("heartbeat_type none", down));
        IOException e = assertThrows(IOException.class, () -> alone.write(chunk("t", 1)));
        assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
    }

    @Test
    void tcpHeartbeatsBringADetachedServerBack() throws Exception {
        TestForwardServer server = server(false);
        ForwardOutput out = output(conf("heartbeat_type tcp\nheartbeat_interval 50ms\nrecover_wait 200ms", server.port()));
        assertEquals(Map.of("healthy_nodes_count", 1, "registered_nodes_count", 1), out.monitorFields());
        ServerNode node = out.servers().nodes().get(0);
        node.fail(System.nanoTime() / 1e9, "test");
        assertFalse(node.available());
        // monitor_agent shows the detached server as Fluentd's out_forward does.
        assertEquals(Map.of("healthy_nodes_count", 0, "registered_nodes_count", 1), out.monitorFields());
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(node::available);
        assertTrue(out.write(chunk("t", 1)).isOk());
    }

    @Test
    void udpHeartbeatsEchoedAsInForwardDoesKeepTheServerAttached() throws Exception {
        DatagramSocket udp = resources.close(new DatagramSocket(0, InetAddress.getLoopbackAddress()));
        Thread echo = new Thread(() -> {
            byte[] buf = new byte[16];
            while (!udp.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    udp.receive(p);
                    udp.send(new DatagramPacket(new byte[] {0}, 1, p.getSocketAddress()));
                } catch (IOException e) {
                    return;
                }
            }
        }, "udp-echo");
        echo.setDaemon(true);
        echo.start();
        ForwardOutput out = output(conf("heartbeat_type udp\nheartbeat_interval 50ms\nrecover_wait 200ms", udp.getLocalPort()));
        ServerNode node = out.servers().nodes().get(0);
        node.fail(System.nanoTime() / 1e9, "test");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(node::available);
    }

    @Test
    void configChecksNameTheProblem() {
        assertTrue(TestSupport.bindErrors(ForwardOutput.Config.class, "heartbeat_type none").stream()
                .anyMatch(m -> m.contains("server")), "a <server> is required");
        assertTrue(TestSupport.bindErrors(ForwardOutput.Config.class, conf("heartbeat_type icmp", 24224)).stream()
                .anyMatch(m -> m.contains("heartbeat_type")));
        assertTrue(TestSupport.bindErrors(ForwardOutput.Config.class, conf("transport tls\ntls_version SSLv3", 24224)).stream()
                .anyMatch(m -> m.contains("tls_version")));
        assertTrue(TestSupport.bindErrors(ForwardOutput.Config.class, conf("dns_round_robin true\nheartbeat_type udp", 24224))
                .stream().anyMatch(m -> m.contains("dns_round_robin")));
    }
}
