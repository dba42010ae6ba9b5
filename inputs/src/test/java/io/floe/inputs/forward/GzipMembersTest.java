package io.floe.inputs.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GzipMembersTest {
    private static byte[] inflate(byte[] gz, int limit) {
        GzipMembers.Inflated i = GzipMembers.inflate(gz, 0, gz.length, limit);
        return Arrays.copyOf(i.bytes(), i.length());
    }

    @Test
    void inflatesConcatenatedMembers() {
        assertArrayEquals("abcdef".getBytes(), inflate(Mp.gzipMembers("ab".getBytes(), "".getBytes(), "cdef".getBytes()), 100));
        assertEquals(0, inflate(new byte[0], 100).length);
    }

    @Test
    void skipsOptionalHeaderFields() {
        byte[] plain = Mp.gzipMembers("payload".getBytes());
        // Same member with FEXTRA (2 bytes), FNAME and FCOMMENT set.
        byte[] header = {0x1f, (byte) 0x8b, 8, 4 | 8 | 16, 0, 0, 0, 0, 0, (byte) 0xff, 2, 0, 'x', 'y', 'n', 0, 'c', 0};
        byte[] flagged = Mp.concat(header, Arrays.copyOfRange(plain, 10, plain.length));
        assertArrayEquals("payload".getBytes(), inflate(flagged, 100));
    }

    @Test
    void stopsAtTheLimitAndAcceptsExactlyIt() {
        byte[] gz = Mp.gzipMembers(new byte[1000]);
        assertEquals(1000, inflate(gz, 1000).length);
        assertThrows(ForwardProtocolException.class, () -> inflate(gz, 999));
        assertThrows(ForwardProtocolException.class, () -> inflate(Mp.gzipMembers(new byte[600], new byte[600]), 1000));
    }

    @Test
    void refusesOtherMethodsAndShortHeaders() {
        byte[] gz = Mp.gzipMembers("x".getBytes());
        gz[2] = 7;
        assertThrows(ForwardProtocolException.class, () -> inflate(gz, 100));
        assertThrows(ForwardProtocolException.class, () -> inflate(new byte[] {0x1f, (byte) 0x8b, 8}, 100));
    }
}
