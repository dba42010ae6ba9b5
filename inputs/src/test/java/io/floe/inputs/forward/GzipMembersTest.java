package io.floe.inputs.forward;

import io.floe.inputs.net.FrameMemory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.testkit.Mp;
import io.floe.testkit.Gzip;
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
    void zerosMadeByRepeatingAFlushedBlockAreValidGzip() throws java.io.IOException {
        byte[] gz = Gzip.zeros(3);
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            byte[] all = in.readAllBytes();
            assertEquals(3 << 20, all.length);
            assertTrue(java.util.stream.IntStream.range(0, all.length).allMatch(i -> all[i] == 0));
        }
        assertEquals(3 << 20, GzipMembers.inflate(gz, 0, gz.length, 3 << 20).length());
    }

    @Test
    void aBombFailsAtTheLimitHavingAllocatedAScratchBufferNotItsOutput() {
        // 1 GiB of zeros, as two members (the second would push past the limit even if the first did not).
        byte[] half = Gzip.zeros(512);
        byte[] gz = Mp.concat(half, half);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        ForwardProtocolException e = assertThrows(ForwardProtocolException.class,
                () -> GzipMembers.inflate(gz, 0, gz.length, 64 << 20));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(e.getMessage().contains("beyond the limit of 67108864 bytes"), e.getMessage());
        assertTrue(allocated < 4L << 20, "allocated " + allocated + " bytes to refuse a 1 GiB bomb");
    }

    @Test
    void aLargeOutputIsInflatedIntoExactlyItsSizeWithMemoryTakenAndGivenBack() {
        byte[] plain = new byte[3 << 20];
        new java.util.Random(7).nextBytes(plain);
        for (int i = 0; i < plain.length; i += 3) {
            plain[i] = 'x'; // compressible, but not trivially
        }
        byte[] gz = Mp.gzipMembers(Arrays.copyOfRange(plain, 0, 1 << 20), Arrays.copyOfRange(plain, 1 << 20, plain.length));
        FrameMemory memory = new FrameMemory(1 << 20, 4 << 20);
        GzipMembers.Inflated i = GzipMembers.inflate(gz, 0, gz.length, 4 << 20, memory);
        assertEquals(plain.length, i.bytes().length, "an array of exactly the output's size");
        assertArrayEquals(plain, i.bytes());
        assertEquals(0, memory.inflating(), "the memory for inflating is given back");

        assertTrue(memory.take(2 << 20), "another message is being inflated");
        ForwardProtocolException e = assertThrows(ForwardProtocolException.class, () -> GzipMembers.inflate(gz, 0, gz.length, 4 << 20, memory));
        assertTrue(e.getMessage().startsWith("no memory to inflate"), e.getMessage());
        memory.give(2 << 20);
        assertEquals(plain.length, GzipMembers.inflate(gz, 0, gz.length, 4 << 20, memory).length());
    }

    @Test
    void refusesOtherMethodsAndShortHeaders() {
        byte[] gz = Mp.gzipMembers("x".getBytes());
        gz[2] = 7;
        assertThrows(ForwardProtocolException.class, () -> inflate(gz, 100));
        assertThrows(ForwardProtocolException.class, () -> inflate(new byte[] {0x1f, (byte) 0x8b, 8}, 100));
    }
}
