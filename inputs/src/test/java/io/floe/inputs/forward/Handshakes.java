package io.floe.inputs.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
final class Handshakes {
    static final String SALT = "0123456789abcdef0123456789abcdef";

    /** What a HELO carries. */
    record Helo(byte[] nonce, byte[] auth, boolean keepalive) {
    }

    private Handshakes() {
    }

    static Value value(byte[] msgpack) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(msgpack)) {
            return u.unpackValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Helo helo(Value v) {
        ArrayValue a = v.asArrayValue();
        assertEquals("HELO", a.get(0).asStringValue().asString());
        MapValue options = a.get(1).asMapValue();
        Value nonce = options.map().get(ValueFactory.newString("nonce"));
        Value auth = options.map().get(ValueFactory.newString("auth"));
        Value keepalive = options.map().get(ValueFactory.newString("keepalive"));
        return new Helo(nonce.asRawValue().asByteArray(), auth.asRawValue().asByteArray(), keepalive.asBooleanValue().getBoolean());
    }

    static byte[] ping(Helo helo, String hostname, String sharedKey, String username, String password) {
        String digest = HandshakeDigest.sharedKey(b(SALT), hostname, helo.nonce(), sharedKey);
        String passwordDigest = HandshakeDigest.password(helo.auth(), username, password);
        return Mp.pack(Mp.list("PING", hostname, SALT, digest, username, passwordDigest));
    }

    /** The digest a genuine server proves itself with in PONG. */
    static String serverDigest(Helo helo, String serverHostname, String sharedKey) {
        return HandshakeDigest.sharedKey(b(SALT), serverHostname, helo.nonce(), sharedKey);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
