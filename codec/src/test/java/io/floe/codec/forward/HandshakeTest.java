package io.floe.codec.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The handshake's digests against values computed outside Java (Python's hashlib, as Fluentd's Ruby computes them:
 * {@code Digest::SHA512.new.update(salt).update(hostname).update(nonce).update(shared_key).hexdigest}), and the
 * messages both sides exchange.
 */
class HandshakeTest {
    private static final byte[] SALT = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONCE = range(0, 16);
    private static final byte[] AUTH = range(16, 32);

    private static byte[] range(int from, int to) {
        byte[] b = new byte[to - from];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    @Test
    void sharedKeyDigestIsSha512HexOfSaltHostnameNonceAndKey() {
        assertEquals("3a680037d3979b4f789647cd22e7e55f2197791eb498799823c424e2213124ed63938d1c422f50e08ec02957ef44df338e"
                + "46c77e8ea164b0dde6d64e171b30df", HandshakeDigest.sharedKey(SALT, "client.example", NONCE, "secret"));
        assertEquals("a127afddf60626ccbaa008ca58916e662450003aef5fbdef79078be20bf36b5f21b10fc8c0ec0937857db3f0203c30f7a5"
                + "aa5bebacfda9f4ad59071fa519a2c4", HandshakeDigest.sharedKey(SALT, "aggregator", NONCE, "secret"));
    }

    @Test
    void passwordDigestIsSha512HexOfAuthSaltUsernameAndUtf8Password() {
        assertEquals("290a0ae3eeeb2f9e7698c6fb9a87f3ba7182f07f540579053bc333ae728462bdc42e94b9fb82c17ee71e43a513970a3e"
                + "771052d72ed14fabeccdeb4bb5e7c70e", HandshakeDigest.password(AUTH, "alice", "pässword"));
        assertTrue(HandshakeDigest.matches(HandshakeDigest.password(AUTH, "alice", "pässword"),
                HandshakeDigest.password(AUTH, "alice", "pässword")));
        assertFalse(HandshakeDigest.matches(HandshakeDigest.password(AUTH, "alice", "pässword"),
                HandshakeDigest.password(AUTH, "alice", "password")));
    }

    @Test
    void aPingAnswersTheHeloAndTheServerReadsItBack() throws IOException {
        Helo helo = Helo.parse(new Helo(NONCE, AUTH, false).toMsgpack());
        assertArrayEquals(NONCE, helo.nonce());
        assertArrayEquals(AUTH, helo.authSalt());
        assertFalse(helo.keepalive());
        Ping sent = Ping.answer(helo, "client.example", SALT, "secret", "alice", "pässword");
        Ping read = Ping.parse(sent.toMsgpack());
        assertEquals("client.example", read.hostname());
        assertArrayEquals(SALT, read.salt());
        assertEquals(HandshakeDigest.sharedKey(SALT, "client.example", NONCE, "secret"), read.digest());
        assertEquals("alice", read.username());
        assertEquals(HandshakeDigest.password(AUTH, "alice", "pässword"), read.passwordDigest());
    }

    @Test
    void withoutAnAuthSaltThePingCarriesNoUser() {
        Ping p = Ping.answer(new Helo(NONCE, new byte[0], true), "c", SALT, "k", "alice", "pw");
        assertEquals("", p.username());
        assertEquals("", p.passwordDigest());
    }

    @Test
    void freshSaltsAndNoncesDifferAndHaveFluentdsSizes() {
        SecureRandom r = new SecureRandom();
        Helo a = Helo.fresh(r, true);
        Helo b = Helo.fresh(r, true);
        assertEquals(16, a.nonce().length);
        assertEquals(16, a.authSalt().length);
        assertFalse(java.util.Arrays.equals(a.nonce(), b.nonce()));
        byte[] salt = Ping.freshSalt(r);
        assertTrue(new String(salt, StandardCharsets.US_ASCII).matches("[0-9a-f]{32}"));
    }

    @Test
    void aPingSentAsBinaryIsReadLikeOneSentAsStrings() throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(6);
            for (String s : new String[] {"PING", "host", "salt", "digest", "", ""}) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                p.packBinaryHeader(b.length).writePayload(b);
            }
            Ping read = Ping.parse(p.toByteArray());
            assertEquals("host", read.hostname());
            assertEquals("digest", read.digest());
        }
    }

    @Test
    void otherFramesAreNoPing() {
        assertNull(Ping.parse(new Pong(true, "", "h", "d").toMsgpack()));
        assertNull(Ping.parse(new byte[] {(byte) 0x96, (byte) 0xa4, 'P', 'I', 'N', 'G'}), "truncated");
        assertNull(Ping.parse(new byte[] {(byte) 0xc1}));
    }

    @Test
    void aFieldClaimingMoreBytesThanTheMessageHoldsIsRefusedBeforeAnyAllocation() {
        // ["HELO", {"nonce": bin 32 claiming 2 GiB}] in 19 bytes
        byte[] helo = {(byte) 0x92, (byte) 0xa4, 'H', 'E', 'L', 'O', (byte) 0x81, (byte) 0xa5, 'n', 'o', 'n', 'c', 'e',
            (byte) 0xc6, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0};
        IOException e = assertThrows(IOException.class, () -> Helo.parse(helo));
        assertEquals("truncated msgpack value", e.getMessage());
        // ["PING", str 32 claiming 2 GiB, …]
        assertNull(Ping.parse(new byte[] {(byte) 0x96, (byte) 0xa4, 'P', 'I', 'N', 'G', (byte) 0xdb, 0x7f, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, 'h'}));
    }

    @Test
    void aPongIsReadBackAndAnythingElseIsNoPong() throws IOException {
        Pong pong = Pong.parse(new Pong(true, "", "aggregator", "d").toMsgpack());
        assertEquals(new Pong(true, "", "aggregator", "d"), pong);
        assertEquals(Pong.refusal("shared_key mismatch"), Pong.parse(Pong.refusal("shared_key mismatch").toMsgpack()));
        assertNull(Pong.parse(new Helo(NONCE, AUTH, true).toMsgpack()));
        assertThrows(IOException.class, () -> Pong.parse(new byte[] {(byte) 0x95, (byte) 0xa4, 'P', 'O', 'N', 'G'}));
    }

    @Test
    void aHeloIsRecognisedAndOtherFramesAreNot() throws IOException {
        assertTrue(Helo.is(new Helo(NONCE, AUTH, true).toMsgpack()));
        assertFalse(Helo.is(Ack.of("c1")));
        assertNull(Helo.parse(Ack.of("c1")));
    }

    @Test
    void anAckEchoesTheChunkOption() {
        assertEquals("c2VjcmV0", Ack.idOf(Ack.of("c2VjcmV0")));
        assertNull(Ack.idOf(new Helo(NONCE, AUTH, true).toMsgpack()));
        assertNull(Ack.idOf(new byte[] {(byte) 0x81, (byte) 0xa3, 'a', 'c', 'k'}), "truncated");
    }
}
