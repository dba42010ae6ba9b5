package io.floe.outputs.forward;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * The client side of the forward protocol's shared-key handshake, free of Netty: reads HELO, writes PING with
 * Fluentd's digests (SHA-512 hex of salt + self_hostname + nonce + shared_key, and of the server's auth salt +
 * username + password), and checks PONG, including the server's proof that it knows the key too.
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
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        this.salt = HexFormat.of().formatHex(raw).getBytes(StandardCharsets.US_ASCII);
    }

    /** Answers {@code ["HELO", {"nonce": n, "auth": salt, "keepalive": b}]} with PING. */
    byte[] ping(byte[] helo) throws Failure {
        byte[] auth = new byte[0];
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(helo)) {
            if (u.getNextFormat().getValueType() != ValueType.ARRAY || u.unpackArrayHeader() != 2
                    || u.getNextFormat().getValueType() != ValueType.STRING || !"HELO".equals(u.unpackString())) {
                throw new Failure("the server did not start the handshake with HELO (is <security> configured on it?)");
            }
            int n = u.unpackMapHeader();
            for (int i = 0; i < n; i++) {
                String key = u.unpackString();
                switch (key) {
                    case "nonce" -> nonce = raw(u);
                    case "auth" -> auth = raw(u);
                    default -> u.skipValue();
                }
            }
        } catch (Failure e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Failure("malformed HELO from the server: " + e.getMessage());
        }
        if (nonce == null) {
            throw new Failure("HELO from the server has no nonce");
        }
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(6).packString("PING").packString(selfHostname);
            p.packRawStringHeader(salt.length).writePayload(salt);
            p.packString(sha512Hex(salt, bytes(selfHostname), nonce, bytes(sharedKey)));
            if (auth.length > 0) {
                p.packString(username).packString(sha512Hex(auth, bytes(username), bytes(password)));
            } else {
                p.packString("").packString("");
            }
            return p.toByteArray();
        } catch (IOException e) {
            throw new Failure("could not build PING: " + e.getMessage());
        }
    }

    /** Checks {@code ["PONG", ok, reason, server_hostname, digest]}; returns normally when the server let us in. */
    void pong(byte[] pong) throws Failure {
        boolean ok;
        String reason;
        String hostname;
        String digest;
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(pong)) {
            if (u.getNextFormat().getValueType() != ValueType.ARRAY || u.unpackArrayHeader() != 5
                    || !"PONG".equals(u.unpackString())) {
                throw new Failure("the server answered PING with something else than PONG");
            }
            ok = u.unpackBoolean();
            reason = u.unpackString();
            hostname = u.unpackString();
            digest = u.unpackString();
        } catch (Failure e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Failure("malformed PONG from the server: " + e.getMessage());
        }
        if (!ok) {
            throw new Failure("authentication failed: " + reason);
        }
        if (hostname.equals(selfHostname)) {
            throw new Failure("same hostname between input and output: invalid configuration");
        }
        String expected = sha512Hex(salt, bytes(hostname), nonce, bytes(sharedKey));
        if (!MessageDigest.isEqual(bytes(expected), bytes(digest))) {
            throw new Failure("shared_key mismatch: the server's PONG digest does not match ours");
        }
    }

    private static byte[] raw(MessageUnpacker u) throws IOException {
        ValueType t = u.getNextFormat().getValueType();
        if (t == ValueType.BINARY) {
            return u.readPayload(u.unpackBinaryHeader());
        }
        return u.readPayload(u.unpackRawStringHeader());
    }

    static String sha512Hex(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-512");
            for (byte[] part : parts) {
                d.update(part);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-512", e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
