package io.floe.inputs.forward;

import static io.floe.testkit.Handshakes.helo;
import static io.floe.testkit.Handshakes.ping;
import static io.floe.testkit.Handshakes.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.floe.testkit.Handshakes;
import io.floe.testkit.Mp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msgpack.value.ArrayValue;

class ForwardHandshakeHandlerTest {
    private static final ForwardSecurityConfig.User ALICE = new ForwardSecurityConfig.User("alice", "wonderland");
    private static final ForwardSecurityConfig.User BOB = new ForwardSecurityConfig.User("bob", "builder");

    private static ForwardSecurityConfig security(boolean userAuth, boolean anonymous, List<ForwardSecurityConfig.Client> clients) {
        return new ForwardSecurityConfig("server", "secret123", userAuth, anonymous, List.of(ALICE, BOB), clients);
    }

    /** An embedded channel whose peer is {@code remote}, so client rules can be tried. */
    private static EmbeddedChannel channel(ForwardSecurityConfig s, String remote, boolean keepalive) throws Exception {
        List<ForwardAuthenticator.Node> nodes = ForwardInputValidation.nodes(s);
        ForwardHandshakeHandler h = new ForwardHandshakeHandler(new ForwardAuthenticator(s, nodes), keepalive, new SecureRandom());
        InetSocketAddress peer = new InetSocketAddress(remote, 40000);
        EmbeddedChannel ch = new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return peer;
            }
        };
        ch.pipeline().addLast("handshake", h);
        ch.pipeline().fireChannelActive();
        return ch;
    }

    private static ArrayValue readReply(EmbeddedChannel ch) {
        ByteBuf b = ch.readOutbound();
        try {
            return value(ByteBufUtil.getBytes(b)).asArrayValue();
        } finally {
            b.release();
        }
    }

    private static ArrayValue exchange(EmbeddedChannel ch, String hostname, String key, String user, String password) {
        Handshakes.Helo helo = helo(readReply(ch));
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(ping(helo, hostname, key, user, password)));
        } catch (ForwardProtocolException refused) {
            // a failed handshake reports itself to the pipeline; the PONG says why
        }
        return readReply(ch);
    }

    @Test
    void sendsHeloWithNonceAuthSaltAndKeepalive() throws Exception {
        EmbeddedChannel ch = channel(security(false, true, List.of()), "127.0.0.1", true);
        Handshakes.Helo helo = helo(readReply(ch));
        assertEquals(16, helo.nonce().length);
        assertEquals(16, helo.auth().length, "the auth salt is sent even without user auth, as Fluentd does");
        assertTrue(helo.keepalive());
        assertFalse(helo(readReply(channel(security(false, true, List.of()), "127.0.0.1", false))).keepalive());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void answersAGoodPingWithPongAndStepsAside() throws Exception {
        EmbeddedChannel ch = channel(security(false, true, List.of()), "127.0.0.1", true);
        Handshakes.Helo helo = helo(readReply(ch));
        ch.writeInbound(Unpooled.wrappedBuffer(Mp.concat(ping(helo, "client", "secret123", "", ""))));
        ArrayValue pong = readReply(ch);
        assertEquals("PONG", pong.get(0).asStringValue().asString());
        assertTrue(pong.get(1).asBooleanValue().getBoolean());
        assertEquals("", pong.get(2).asStringValue().asString());
        assertEquals("server", pong.get(3).asStringValue().asString());
        assertEquals(Handshakes.serverDigest(helo, "server", "secret123"), pong.get(4).asStringValue().asString());
        assertNull(ch.pipeline().get("handshake"), "removed itself");
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0x90}));
        ByteBuf passed = ch.readInbound();
        assertEquals(1, passed.readableBytes());
        passed.release();
        assertTrue(ch.isOpen());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void aWrongSharedKeyGetsPongFalseAndTheConnectionCloses() throws Exception {
        EmbeddedChannel ch = channel(security(false, true, List.of()), "127.0.0.1", true);
        Handshakes.Helo helo = helo(readReply(ch));
        ForwardProtocolException e = assertThrows(ForwardProtocolException.class,
                () -> ch.writeInbound(Unpooled.wrappedBuffer(ping(helo, "client", "wrongkey", "", ""))));
        assertPongFailure(readReply(ch), "shared_key mismatch");
        assertFalse(ch.isOpen());
        assertEquals("authentication failed: shared_key mismatch (client hostname \"client\")", e.getMessage());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void framesAfterAFailedPingAreDropped() throws Exception {
        EmbeddedChannel ch = channel(security(false, true, List.of()), "127.0.0.1", true);
        Handshakes.Helo helo = helo(readReply(ch));
        // PING and a message in one read: the frame decoder hands both over before the close takes effect.
        ch.pipeline().addFirst(new ForwardFrameDecoder(1 << 20, java.time.Duration.ofSeconds(60)));
        assertThrows(ForwardProtocolException.class, () -> ch.writeInbound(Unpooled.wrappedBuffer(
                Mp.concat(ping(helo, "c", "bad", "", ""), Mp.pack(Mp.list("app", 1, Mp.map()))))));
        assertNull(ch.readInbound());
        assertPongFailure(readReply(ch), "shared_key mismatch");
        assertFalse(ch.finishAndReleaseAll());
    }

    /** Each case: the rule it checks, the server's security, the client's address and its PING; a refusal's reason or null. */
    static Stream<Arguments> pingsJudgedByTheRulesOfTheirSource() {
        ForwardSecurityConfig userAuth = security(true, true, List.of());
        ForwardSecurityConfig onlyTenNet = security(false, false,
                List.of(new ForwardSecurityConfig.Client(null, "10.0.0.0/8", null, List.of())));
        List<ForwardSecurityConfig.Client> hostSection = List.of(
                new ForwardSecurityConfig.Client("127.0.0.1", null, "hostkey", List.of("bob")));
        ForwardSecurityConfig hostKey = security(false, true, hostSection);
        ForwardSecurityConfig hostKeyAndUsers = security(true, true, hostSection);
        return Stream.of(
                arguments("user auth: a user with its password is let in", userAuth, "127.0.0.1", "secret123", "alice", "wonderland", null),
                arguments("user auth: another user's password is refused", userAuth, "127.0.0.1", "secret123", "alice", "builder",
                        "username/password mismatch"),
                arguments("user auth: an unknown user is refused", userAuth, "127.0.0.1", "secret123", "mallory", "x",
                        "username/password mismatch"),
                arguments("user auth: no user is refused", userAuth, "127.0.0.1", "secret123", "", "", "username/password mismatch"),
                arguments("anonymous sources denied: a host outside the client networks is refused", onlyTenNet, "127.0.0.1",
                        "secret123", "", "", "anonymous source host '127.0.0.1' denied"),
                arguments("anonymous sources denied: a host in a client network is let in", onlyTenNet, "10.1.2.3", "secret123", "", "",
                        null),
                arguments("client section: its host is let in with its own key", hostKey, "127.0.0.1", "hostkey", "", "", null),
                arguments("client section: its host is refused the <security> key", hostKey, "127.0.0.1", "secret123", "", "",
                        "shared_key mismatch"),
                arguments("client section: other hosts use the <security> key", hostKey, "192.168.1.1", "secret123", "", "", null),
                arguments("client section: a user it does not list is refused", hostKeyAndUsers, "127.0.0.1", "hostkey", "alice",
                        "wonderland", "username/password mismatch"),
                arguments("client section: a user it lists is let in", hostKeyAndUsers, "127.0.0.1", "hostkey", "bob", "builder", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void pingsJudgedByTheRulesOfTheirSource(String rule, ForwardSecurityConfig security, String remote, String key, String user,
            String password, String refusal) throws Exception {
        ArrayValue pong = exchange(channel(security, remote, true), "c", key, user, password);
        if (refusal == null) {
            assertTrue(pong.get(1).asBooleanValue().getBoolean(), rule);
        } else {
            assertPongFailure(pong, refusal);
        }
    }

    @Test
    void anythingButASixElementPingIsAnInvalidPing() throws Exception {
        for (Object bad : List.of(Mp.list("PING", "c", "s", "d", ""), Mp.list("PONG", "c", "s", "d", "", ""),
                Mp.list("PING", 1, "s", "d", "", ""), Mp.map("PING", 1), Mp.list("app", 1, Mp.map()))) {
            EmbeddedChannel ch = channel(security(false, true, List.of()), "127.0.0.1", true);
            readReply(ch);
            assertThrows(ForwardProtocolException.class, () -> ch.writeInbound(Unpooled.wrappedBuffer(Mp.pack(bad))));
            assertPongFailure(readReply(ch), "invalid ping message");
            assertFalse(ch.isOpen());
            assertFalse(ch.finishAndReleaseAll());
        }
    }

    private static void assertPongFailure(ArrayValue pong, String reason) {
        assertEquals("PONG", pong.get(0).asStringValue().asString());
        assertFalse(pong.get(1).asBooleanValue().getBoolean());
        assertEquals(reason, pong.get(2).asStringValue().asString());
        assertEquals("", pong.get(3).asStringValue().asString());
        assertEquals("", pong.get(4).asStringValue().asString());
    }
}
