package io.floe.outputs.forward;

import io.floe.codec.forward.HandshakeDigest;
import io.floe.codec.forward.Helo;
import io.floe.codec.forward.Ping;
import io.floe.codec.forward.Pong;
import java.io.IOException;
import java.security.SecureRandom;

/**
 * The client side of the forward protocol's shared-key handshake, free of Netty: answers HELO with PING and
 * checks PONG, including the server's proof that it knows the key too. The messages and digests are the
 * protocol's ({@code io.floe.codec.forward}), shared with the forward input; the failures here are what the
 * user reads in the log.
 */
final class ClientHandshake {
    /** The handshake failed; the message is what the user reads in the log. */
    static final class Failure extends IOException {
        Failure(String message) {
            super(message);
        }
    }

    private final String selfHostname;
    private final String sharedKey;
    private final String username;
    private final String password;
    private final byte[] salt;
    private byte[] nonce;

    ClientHandshake(String selfHostname, String sharedKey, String username, String password, SecureRandom random) {
        this.selfHostname = selfHostname;
        this.sharedKey = sharedKey;
        this.username = username == null ? "" : username;
        this.password = password == null ? "" : password;
        this.salt = Ping.freshSalt(random);
    }

    /** Answers {@code ["HELO", {"nonce": n, "auth": salt, "keepalive": b}]} with PING. */
    byte[] ping(byte[] frame) throws Failure {
        Helo helo = read(frame, Helo::parse, "HELO", "the server did not start the handshake with HELO (is <security> configured on it?)");
        if (helo.nonce() == null) {
            throw new Failure("HELO from the server has no nonce");
        }
        nonce = helo.nonce();
        return Ping.answer(helo, selfHostname, salt, sharedKey, username, password).toMsgpack();
    }

    /** Checks {@code ["PONG", ok, reason, server_hostname, digest]}; returns normally when the server let us in. */
    void pong(byte[] frame) throws Failure {
        Pong pong = read(frame, Pong::parse, "PONG", "the server answered PING with something else than PONG");
        if (!pong.ok()) {
            throw new Failure("authentication failed: " + pong.reason());
        }
        if (pong.hostname().equals(selfHostname)) {
            throw new Failure("same hostname between input and output: invalid configuration");
        }
        String expected = HandshakeDigest.sharedKey(salt, pong.hostname(), nonce, sharedKey);
        if (!HandshakeDigest.matches(expected, pong.digest())) {
            throw new Failure("shared_key mismatch: the server's PONG digest does not match ours");
        }
    }

    /** How the protocol reads one message; null when the frame is another message. */
    @FunctionalInterface
    private interface MessageReader<M> {
        M parse(byte[] frame) throws IOException;
    }

    /** The server's message {@code name}, or the failure the user reads: malformed, or {@code otherwise} when it is another message. */
    private static <M> M read(byte[] frame, MessageReader<M> reader, String name, String otherwise) throws Failure {
        M message;
        try {
            message = reader.parse(frame);
        } catch (IOException e) {
            throw new Failure("malformed " + name + " from the server: " + e.getMessage());
        }
        if (message == null) {
            throw new Failure(otherwise);
        }
        return message;
    }
}
