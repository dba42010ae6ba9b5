package io.floe.inputs.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.testkit.Gzip;
import io.floe.testkit.Mp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/** Compressed request bodies: decoded within body_size_limit, never past it. */
class ContentEncodingTest {
    private static final byte[] JSON = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    @Test
    void gzipAndDeflateBodiesAreDecodedAndOthersTakenAsSent() throws Exception {
        assertArrayEquals(JSON, ContentEncoding.decode("gzip", Mp.gzipMembers(JSON), 1024));
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(z)) {
            out.write(JSON);
        }
        assertArrayEquals(JSON, ContentEncoding.decode("deflate", z.toByteArray(), 1024));
        assertArrayEquals(JSON, ContentEncoding.decode(null, JSON, 1024));
        assertArrayEquals(JSON, ContentEncoding.decode("identity", JSON, 1024));
    }

    @Test
    void aBombIsRefusedAtTheLimitAndCorruptDataIsABadRequest() {
        assertThrows(ContentEncoding.TooLarge.class, () -> ContentEncoding.decode("gzip", Gzip.zeros(64), 1 << 20));
        assertThrows(BadRequest.class, () -> ContentEncoding.decode("gzip", JSON, 1 << 20));
        assertThrows(BadRequest.class, () -> ContentEncoding.decode("deflate", JSON, 1 << 20));
    }
}
