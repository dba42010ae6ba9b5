package io.floe.outputs.forward;

import static io.floe.testkit.Mp.list;
import static io.floe.testkit.Mp.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.codec.forward.HandshakeDigest;
import io.floe.testkit.Mp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * The client pipeline on an EmbeddedChannel, with the test playing the server's side of the protocol as
 * in_forward does: HELO, PONG with the server's digest, {@code {"ack": id}}, sent in arbitrary pieces.
 */
class ClientHandlersTest {
    private static final byte[] NONCE = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AUTH = "fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

    /** in_forward's HELO, as the server writes it. */
    private static byte[] helo(byte[] auth) {
        return Mp.pack(list("HELO", map("nonce", NONCE, "auth", auth, "keepalive", true)));
    }

    private static byte[] pong(boolean ok, String reason, String host, String digest) {
        return Mp.pack(list("PONG", ok, reason, host, digest));
    }

    private static byte[] ack(String id) {
        return Mp.pack(map("ack", id));
    }

    /** The PING the client wrote, as the server parses it. */
    private record Ping(String hostname, byte[] salt, String digest, String username, String passwordDigest) {
        static Ping read(EmbeddedChannel ch) throws IOException {
            ByteBuf out = ch.readOutbound();
            byte[] b = ByteBufUtil.getBytes(out);
            out.release();
            try (MessageUnpacker u = MessagePack.newDefaultUnpacker(b)) {
                assertEquals(6, u.unpackArrayHeader());
                assertEquals("PING", u.unpackString());
                String host = u.unpackString();
                byte[] salt = u.readPayload(u.unpackRawStringHeader());
                return new Ping(host, salt, u.unpackString(), u.unpackString(), u.unpackString());
            }
        }
    }

    private static EmbeddedChannel channel(ConnectionHandler handler, ClientHandshake handshake) {
        return handshake == null ? new EmbeddedChannel(new ResponseFrameDecoder(), handler)
                : new EmbeddedChannel(new ResponseFrameDecoder(), new ClientHandshakeHandler(handshake), handler);
    }

    @Test
    void handshakeWithTheRightKeyMakesTheConnectionReady() throws Exception {
        ConnectionHandler h = new ConnectionHandler(true);
        EmbeddedChannel ch = channel(h, new ClientHandshake("agent", "key", "alice", "pw", new SecureRandom()));
        ch.writeInbound(Unpooled.wrappedBuffer(helo(AUTH)));
        Ping ping = Ping.read(ch);
        assertEquals("agent", ping.hostname());
        assertEquals(HandshakeDigest.sharedKey(ping.salt(), "agent", NONCE, "key"), ping.digest());
        assertEquals("alice", ping.username());
        assertEquals(HandshakeDigest.password(AUTH, "alice", "pw"), ping.passwordDigest());
        assertFalse(h.ready().isDone(), "not before PONG");

        String proof = HandshakeDigest.sharedKey(ping.salt(), "aggregator", NONCE, "key");
        ch.writeInbound(Unpooled.wrappedBuffer(pong(true, "", "aggregator", proof)));
        assertTrue(h.ready().isDone() && !h.ready().isCompletedExceptionally());
        assertTrue(ch.isActive());
    }

    @Test
    void withoutUserAuthUsernameAndPasswordAreEmpty() throws Exception {
        EmbeddedChannel ch = channel(new ConnectionHandler(true), new ClientHandshake("agent", "key", "", "", new SecureRandom()));
        ch.writeInbound(Unpooled.wrappedBuffer(helo(new byte[0])));
        Ping ping = Ping.read(ch);
        assertEquals("", ping.username());
        assertEquals("", ping.passwordDigest());
    }

    @Test
    void aRefusedPingFailsTheConnectionWithTheServersReason() throws Exception {
        ConnectionHandler h = new ConnectionHandler(true);
        EmbeddedChannel ch = channel(h, new ClientHandshake("agent", "wrong", "", "", new SecureRandom()));
        ch.writeInbound(Unpooled.wrappedBuffer(helo(new byte[0])));
        Ping.read(ch);
        ch.writeInbound(Unpooled.wrappedBuffer(pong(false, "shared_key mismatch", "", "")));
        ExecutionException e = assertThrows(ExecutionException.class, () -> h.ready().get());
        assertInstanceOf(ClientHandshake.Failure.class, e.getCause());
        assertEquals("authentication failed: shared_key mismatch", e.getCause().getMessage());
        assertFalse(ch.isActive(), "closed");
    }

    /**
     * The server's side up to a PONG that accepts the client, from {@code serverHost} proving {@code serverKey}, to a
     * client {@code clientHost} holding the key "key": how the client's readiness fails when it must not trust it.
     */
    private static ExecutionException refusedPong(String clientHost, String serverHost, String serverKey) throws Exception {
        ConnectionHandler h = new ConnectionHandler(true);
        EmbeddedChannel ch = channel(h, new ClientHandshake(clientHost, "key", "", "", new SecureRandom()));
        ch.writeInbound(Unpooled.wrappedBuffer(helo(new byte[0])));
        Ping ping = Ping.read(ch);
        String proof = HandshakeDigest.sharedKey(ping.salt(), serverHost, NONCE, serverKey);
        ch.writeInbound(Unpooled.wrappedBuffer(pong(true, "", serverHost, proof)));
        return assertThrows(ExecutionException.class, () -> h.ready().get());
    }

    @Test
    void aServerThatCannotProveTheKeyIsNotTrusted() throws Exception {
        ExecutionException e = refusedPong("agent", "aggregator", "guess");
        assertTrue(e.getCause().getMessage().startsWith("shared_key mismatch"), e.getCause().getMessage());
    }

    @Test
    void sameHostnameOnBothSidesIsAConfigurationError() throws Exception {
        ExecutionException e = refusedPong("node1", "node1", "key");
        assertEquals("same hostname between input and output: invalid configuration", e.getCause().getMessage());
    }

    @Test
    void aServerThatWantsTheHandshakeIsReportedWhenSecurityIsNotConfigured() throws Exception {
        ConnectionHandler h = new ConnectionHandler(false);
        EmbeddedChannel ch = channel(h, null);
        CompletableFuture<Void> a = h.expectAck("chunk-a");
        ch.writeInbound(Unpooled.wrappedBuffer(helo(new byte[0])));
        ExecutionException e = assertThrows(ExecutionException.class, a::get);
        assertTrue(e.getCause().getMessage().contains("configure <security>"), e.getCause().getMessage());
        assertFalse(ch.isActive());
    }

    @Test
    void acksArriveInPiecesAndCompleteTheirChunksOnly() throws Exception {
        ConnectionHandler h = new ConnectionHandler(false);
        EmbeddedChannel ch = channel(h, null);
        assertTrue(h.ready().isDone(), "plain TCP is ready once connected");
        CompletableFuture<Void> a = h.expectAck("chunk-a");
        CompletableFuture<Void> b = h.expectAck("chunk-b");
        byte[] wire = ack("chunk-b");
        ch.writeInbound(Unpooled.wrappedBuffer(wire, 0, 3));
        assertFalse(b.isDone());
        ch.writeInbound(Unpooled.wrappedBuffer(wire, 3, wire.length - 3));
        assertTrue(b.isDone());
        assertFalse(a.isDone());
        ch.writeInbound(Unpooled.wrappedBuffer(ack("someone-else")));
        assertFalse(a.isDone());
        ch.close();
        ExecutionException e = assertThrows(ExecutionException.class, a::get);
        assertInstanceOf(ClosedChannelException.class, e.getCause(), "a broken connection fails what waits on it at once");
        assertTrue(h.expectAck("late").isCompletedExceptionally());
    }

    @Test
    void ackIdsAreTheChunkIdInBase64AndDifferPerMessage() {
        String id = "0123456789abcdef0123456789abcdef";
        assertEquals("ASNFZ4mrze8BI0VniavN7w==", ForwardOutput.ackId(id, 0));
        assertFalse(ForwardOutput.ackId(id, 0).equals(ForwardOutput.ackId(id, 1)));
        assertEquals(ForwardOutput.ackId(id, 1), ForwardOutput.ackId(id, 1));
        assertFalse(ForwardOutput.ackId(id, 0).equals(ForwardOutput.ackId(id, 1 << 16)), "indices past 16 bits vary the id too");
        assertFalse(ForwardOutput.ackId(id, 5).equals(ForwardOutput.ackId(id, 5 + (1 << 24))));
    }
}
