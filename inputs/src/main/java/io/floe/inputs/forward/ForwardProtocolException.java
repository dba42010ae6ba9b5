package io.floe.inputs.forward;

import io.netty.handler.codec.DecoderException;

/**
 * A peer broke the forward protocol: bytes that are not msgpack, a frame over the size limit, a value
 * of the wrong type, a failed handshake. It costs only that peer's connection, which is closed.
 * A {@link DecoderException} so that Netty's decoders pass it on without wrapping it.
 */
public class ForwardProtocolException extends DecoderException {
    public ForwardProtocolException(String message) {
        super(message);
    }

    public ForwardProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
