package io.floe.inputs.http;

import io.floe.inputs.forward.ForwardProtocolException;
import io.floe.inputs.forward.GzipMembers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.InflaterInputStream;

/**
 * A request body as sent, decoded by its Content-Encoding as in_http does: {@code gzip} (the forward input's
 * strict, bounded inflater) and {@code deflate} (zlib); any other encoding is taken as it is. The decoded body
 * is held to {@code body_size_limit} as the sent one is: a bomb costs its limit, never its output.
 */
final class ContentEncoding {
    /** The body decodes to more than the limit: answered 413 like a body sent that large. */
    static final class TooLarge extends Exception {
        TooLarge(String message) {
            super(message);
        }
    }

    private ContentEncoding() {
    }

    static byte[] decode(String encoding, byte[] body, int limit) throws BadRequest, TooLarge {
        if ("gzip".equals(encoding)) {
            return gunzip(body, limit);
        }
        if ("deflate".equals(encoding)) {
            return inflate(body, limit);
        }
        return body;
    }

    private static byte[] gunzip(byte[] body, int limit) throws BadRequest, TooLarge {
        try {
            GzipMembers.Inflated inflated = GzipMembers.inflate(body, 0, body.length, limit);
            return inflated.length() == inflated.bytes().length ? inflated.bytes() : Arrays.copyOf(inflated.bytes(), inflated.length());
        } catch (GzipMembers.TooLarge e) {
            throw new TooLarge("the gzip body inflates beyond body_size_limit (" + limit + " bytes)");
        } catch (ForwardProtocolException e) {
            throw new BadRequest(e.getMessage(), e);
        }
    }

    private static byte[] inflate(byte[] body, int limit) throws BadRequest, TooLarge {
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(body))) {
            byte[] out = in.readNBytes(limit);
            if (in.read() >= 0) {
                throw new TooLarge("the deflate body inflates beyond body_size_limit (" + limit + " bytes)");
            }
            return out;
        } catch (IOException e) {
            throw new BadRequest("corrupt deflate data: " + e.getMessage(), e);
        }
    }
}
