package io.floe.inputs.forward;

import io.floe.codec.forward.HandshakeDigest;
import io.floe.codec.forward.Helo;
import io.floe.codec.forward.Ping;
import io.floe.codec.forward.Pong;
import java.net.InetAddress;
import java.util.List;

/**
 * The server side of the forward handshake, free of Netty: judges PING against {@code <security>} and its
 * {@code <client>} rules and builds PONG, with Fluentd's failure reasons, which clients show their users.
 * The messages and digests are the protocol's ({@code io.floe.codec.forward}), shared with the forward output.
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

    /** Judges {@code ["PING", hostname, salt, digest, username, password_digest]} from {@code remote}, answering {@code helo}. */
    Outcome check(byte[] ping, InetAddress remote, Helo helo) {
        Ping p = Ping.parse(ping);
        if (p == null) {
            return fail("invalid ping message", "");
        }
        Node node = remote == null ? null : nodes.stream().filter(n -> n.network().contains(remote)).findFirst().orElse(null);
        if (node == null && !security.allowAnonymousSource()) {
            return fail("anonymous source host '" + (remote == null ? "?" : remote.getHostAddress()) + "' denied", p.hostname());
        }
        String sharedKey = node != null && node.sharedKey() != null ? node.sharedKey() : security.sharedKey();
        String expected = HandshakeDigest.sharedKey(p.salt(), p.hostname(), helo.nonce(), sharedKey);
        if (!HandshakeDigest.matches(expected, p.digest())) {
            return fail("shared_key mismatch", p.hostname());
        }
        if (security.userAuth() && !userMatches(p, node, helo.authSalt())) {
            return fail("username/password mismatch", p.hostname());
        }
        String proof = HandshakeDigest.sharedKey(p.salt(), security.selfHostname(), helo.nonce(), sharedKey);
        return new Outcome(true, "", p.hostname(), new Pong(true, "", security.selfHostname(), proof).toMsgpack());
    }

    private boolean userMatches(Ping p, Node node, byte[] authSalt) {
        boolean ok = false;
        for (ForwardSecurityConfig.User u : security.users()) {
            if (!u.username().equals(p.username()) || (node != null && !node.users().isEmpty() && !node.users().contains(u.username()))) {
                continue;
            }
            ok |= HandshakeDigest.matches(HandshakeDigest.password(authSalt, u.username(), u.password()), p.passwordDigest());
        }
        return ok;
    }

    private static Outcome fail(String reason, String hostname) {
        return new Outcome(false, reason, hostname, Pong.refusal(reason).toMsgpack());
    }
}
