package io.floe.inputs.forward;

import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.msgpack.MsgpackException;
import io.floe.codec.msgpack.MsgpackType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The server side of the forward handshake, free of Netty: builds HELO, judges PING and builds PONG,
 * with Fluentd's digests ({@code SHA-512 hex} of salt + hostname + nonce + shared key, and of auth salt
 * + username + password) and Fluentd's failure reasons, which clients show their users.
 */
final class ForwardAuthenticator {
    /** A {@code <client>} section with its address resolved. */
    record Node(ClientNetwork network, String sharedKey, List<String> users) {
    }

    /** The verdict on a PING: the PONG to send, and for a failure the reason to log. */
    record Outcome(boolean ok, String reason, String clientHostname, byte[] pong) {
    }

    private final ForwardSecurityConfig security;
    private final List<Node> nodes;

    ForwardAuthenticator(ForwardSecurityConfig security, List<Node> nodes) {
        this.security = security;
        this.nodes = List.copyOf(nodes);
    }

    /** {@code ["HELO", {"nonce": nonce, "auth": authSalt, "keepalive": keepalive}]}. */
    static byte[] helo(byte[] nonce, byte[] authSalt, boolean keepalive) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(2).packString("HELO").packMapHeader(3);
            p.packString("nonce").packBinaryHeader(nonce.length).writePayload(nonce);
            p.packString("auth").packBinaryHeader(authSalt.length).writePayload(authSalt);
            p.packString("keepalive").packBoolean(keepalive);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Judges {@code ["PING", hostname, salt, digest, username, password_digest]} from {@code remote}. */
    Outcome check(byte[] ping, InetAddress remote, byte[] authSalt, byte[] nonce) {
        Ping p = Ping.parse(ping);
        if (p == null) {
            return fail("invalid ping message", "");
        }
        Node node = remote == null ? null : nodes.stream().filter(n -> n.network().contains(remote)).findFirst().orElse(null);
        if (node == null && !security.allowAnonymousSource()) {
            return fail("anonymous source host '" + (remote == null ? "?" : remote.getHostAddress()) + "' denied", p.hostname);
        }
        String sharedKey = node != null && node.sharedKey() != null ? node.sharedKey() : security.sharedKey();
        String expected = sha512Hex(p.salt, bytes(p.hostname), nonce, bytes(sharedKey));
        if (!MessageDigest.isEqual(bytes(expected), bytes(p.digest))) {
            return fail("shared_key mismatch", p.hostname);
        }
        if (security.userAuth() && !userMatches(p, node, authSalt)) {
            return fail("username/password mismatch", p.hostname);
        }
        String proof = sha512Hex(p.salt, bytes(security.selfHostname()), nonce, bytes(sharedKey));
        return new Outcome(true, "", p.hostname, pong(true, "", security.selfHostname(), proof));
    }

    private boolean userMatches(Ping p, Node node, byte[] authSalt) {
        boolean ok = false;
        for (ForwardSecurityConfig.User u : security.users()) {
            if (!u.username().equals(p.username) || (node != null && !node.users().isEmpty() && !node.users().contains(u.username()))) {
                continue;
            }
            String hash = sha512Hex(authSalt, bytes(u.username()), bytes(u.password()));
            ok |= MessageDigest.isEqual(bytes(hash), bytes(p.passwordDigest));
        }
        return ok;
    }

    private static Outcome fail(String reason, String hostname) {
        return new Outcome(false, reason, hostname, pong(false, reason, "", ""));
    }

    private static byte[] pong(boolean ok, String reason, String hostname, String digest) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(5).packString("PONG").packBoolean(ok).packString(reason).packString(hostname).packString(digest);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** A PING's fields; the salt kept as bytes since clients may send it as bin. */
    private record Ping(String hostname, byte[] salt, String digest, String username, String passwordDigest) {
        static Ping parse(byte[] frame) {
            try {
                MsgpackCursor r = new MsgpackCursor(frame);
                if (r.type() != MsgpackType.ARRAY || r.readArrayHeader("PING") != 6 || !"PING".equals(r.readString("PING"))) {
                    return null;
                }
                return new Ping(r.readString("hostname"), r.readBytes("salt"), r.readString("digest"),
                        r.readString("username"), r.readString("password"));
            } catch (MsgpackException e) {
                return null;
            }
        }
    }
}
