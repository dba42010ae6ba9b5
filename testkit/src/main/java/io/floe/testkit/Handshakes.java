package io.floe.testkit;

import io.floe.codec.forward.HandshakeDigest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.MapValue;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;

/** The client side of the forward handshake, written from the spec, for tests to talk to the server. */
public final class Handshakes {
    public static final String SALT = "0123456789abcdef0123456789abcdef";

    /** What a HELO carries. */
    public record Helo(byte[] nonce, byte[] auth, boolean keepalive) {
    }

    private Handshakes() {
    }

    public static Value value(byte[] msgpack) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(msgpack)) {
            return u.unpackValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Helo helo(Value v) {
        ArrayValue a = v.asArrayValue();
        String kind = a.get(0).asStringValue().asString();
        if (!"HELO".equals(kind)) {
            throw new AssertionError("expected HELO, got " + kind);
        }
        MapValue options = a.get(1).asMapValue();
        Value nonce = options.map().get(ValueFactory.newString("nonce"));
        Value auth = options.map().get(ValueFactory.newString("auth"));
        Value keepalive = options.map().get(ValueFactory.newString("keepalive"));
        return new Helo(nonce.asRawValue().asByteArray(), auth.asRawValue().asByteArray(), keepalive.asBooleanValue().getBoolean());
    }

    public static byte[] ping(Helo helo, String hostname, String sharedKey, String username, String password) {
        String digest = HandshakeDigest.sharedKey(b(SALT), hostname, helo.nonce(), sharedKey);
        String passwordDigest = HandshakeDigest.password(helo.auth(), username, password);
        return Mp.pack(Mp.list("PING", hostname, SALT, digest, username, passwordDigest));
    }

    /** The digest a genuine server proves itself with in PONG. */
    public static String serverDigest(Helo helo, String serverHostname, String sharedKey) {
        return HandshakeDigest.sharedKey(b(SALT), serverHostname, helo.nonce(), sharedKey);
    }

    public static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
