package io.floe.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Damage as a power cut or a full disk leaves it in a file buffer's directory (its Chronicle journal cycle files
 * and its {@code data-N.seg} files), done the same way by the buffer's own tests and by the agent's.
 */
public final class BufferFileDamage {
    private BufferFileDamage() {
    }

    /** The data files in {@code bufferDir} that hold batches (not empty), oldest first. */
    public static List<Path> dataFiles(Path bufferDir) throws IOException {
        try (Stream<Path> files = Files.list(bufferDir)) {
            return files.filter(p -> p.getFileName().toString().matches("data-\\d+\\.seg")).filter(p -> p.toFile().length() > 0)
                    .sorted(Comparator.comparingInt(BufferFileDamage::number)).toList();
        }
    }

    private static int number(Path data) {
        String n = data.getFileName().toString();
        return Integer.parseInt(n.substring(5, n.length() - 4));
    }

    /** Where each data record of a journal cycle file starts (Chronicle's framing: 4-byte little-endian headers, padded to 4). */
    public static List<Long> journalRecords(Path cq4) throws IOException {
        List<Long> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(cq4, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            long pos = 0;
            while (true) {
                h.clear();
                ch.read(h, pos);
                int header = h.getInt(0);
                if (header == 0) {
                    return out;
                }
                if ((header & 0x40000000) == 0) {
                    out.add(pos);
                }
                pos = (pos + 4 + (header & 0x3FFFFFFF) + 3) & ~3L;
            }
        }
    }

    public static void truncate(Path f, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    public static void overwrite(Path f, long at, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), at);
        }
    }

    /** {@code n} random bytes, the same ones for the same {@code seed}, so a failure can be repeated. */
    public static byte[] garbage(int n, long seed) {
        byte[] g = new byte[n];
        new Random(seed).nextBytes(g);
        return g;
    }
}
