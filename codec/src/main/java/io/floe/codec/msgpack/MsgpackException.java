package io.floe.codec.msgpack;

/**
 * Bytes that are not the msgpack a reader expected: truncated, a byte that is never valid msgpack, a length
 * that runs past the end, nesting past the limit, or a value of the wrong type. The one failure every reader of
 * {@link MsgpackCursor} and {@link MsgpackScanner} handles; unchecked, as the bytes usually come from a peer
 * and a caller turns it into its own protocol error where it meets one.
 */
public class MsgpackException extends RuntimeException {
    public MsgpackException(String message) {
        super(message);
    }
}
