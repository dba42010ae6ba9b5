package io.floe.inputs.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.testkit.RecordingLogger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

class PositionFileTest {
    @TempDir
    Path dir;

    private final RecordingLogger log = new RecordingLogger("test_tail", Level.DEBUG);

    @Test
    void readsFluentdsFileAndWritesTheSameFormat() throws IOException {
        Path pos = dir.resolve("app.pos");
        // As Fluentd 1.16 writes it: path, 16 hex digits of position, 16 of inode.
        Files.writeString(pos, "/var/log/app.log\t00000000000004d2\t000000000022c1e9\n");
        try (PositionFile pf = PositionFile.open(pos, log, false)) {
            PositionEntry e = pf.get("/var/log/app.log");
            assertEquals(1234, e.position);
            assertEquals(0x22c1e9, e.inode);
            pf.update(e, 0x10000, 0x22c1e9);
            pf.add("/var/log/other.log", 5, 7);
        }
        assertEquals("/var/log/app.log\t0000000000010000\t000000000022c1e9\n/var/log/other.log\t0000000000000005\t0000000000000007\n",
                Files.readString(pos));
    }

    @Test
    void updatesInPlaceIncludingANewInode() throws IOException {
        Path pos = dir.resolve("x.pos");
        try (PositionFile pf = PositionFile.open(pos, log, false)) {
            PositionEntry a = pf.add("/a", 1, 2);
            PositionEntry b = pf.add("/b", 3, 4);
            pf.update(a, 0xabcdef, 9);
            pf.update(b, 0, 4);
        }
        assertEquals("/a\t0000000000abcdef\t0000000000000009\n/b\t0000000000000000\t0000000000000004\n", Files.readString(pos));
    }

    @Test
    void compactsUnwatchedAndDuplicateLinesAtOpen() throws IOException {
        Path pos = dir.resolve("x.pos");
        Files.writeString(pos, """
                /a\t0000000000000001\t0000000000000001
                /gone\tffffffffffffffff\t0000000000000002
                /a\t0000000000000005\t0000000000000001
                /b\t0000000000000003\t0000000000000003
                """);
        try (PositionFile pf = PositionFile.open(pos, log, false)) {
            assertEquals(5, pf.get("/a").position);
            assertNull(pf.get("/gone"));
            pf.unwatch(pf.get("/b"));
            assertEquals("/a\t0000000000000005\t0000000000000001\n/b\tffffffffffffffff\t0000000000000003\n", Files.readString(pos));
            pf.compact();
        }
        assertEquals("/a\t0000000000000005\t0000000000000001\n", Files.readString(pos));
        assertTrue(log.has(org.slf4j.event.Level.WARN, "already exists"));
    }

    @Test
    void garbageLinesAreSkippedWithAWarning() throws IOException {
        Path pos = dir.resolve("x.pos");
        byte[] garbage = {(byte) 0xff, 0, 1, 2, '\n'};
        Files.write(pos, garbage);
        Files.writeString(pos, "not a pos line\n/ok\t0000000000000010\t0000000000000011\n/bad\tzz\t11\n/long\t"
                + "1".repeat(20) + "\t1\n", java.nio.file.StandardOpenOption.APPEND);
        try (PositionFile pf = PositionFile.open(pos, log, false)) {
            assertEquals(List.of("/ok"), pf.entries().stream().map(e -> e.path).toList());
        }
        assertEquals(4, log.warnings().stream().filter(w -> w.contains("Unparsable line in pos_file")).count(), log.warnings().toString());
        assertEquals("/ok\t0000000000000010\t0000000000000011\n", Files.readString(pos));
    }

    @Test
    void followInodesKeysByInode() throws IOException {
        Path pos = dir.resolve("x.pos");
        Files.writeString(pos, "/x.log\t0000000000000010\t0000000000000001\n/x.log\t0000000000000020\t0000000000000002\n");
        try (PositionFile pf = PositionFile.open(pos, log, true)) {
            assertEquals(0x10, pf.byInode(1).position);
            assertEquals(0x20, pf.byInode(2).position);
        }
    }

    @Test
    void twoSourcesCannotShareOne() throws IOException {
        Path pos = dir.resolve("shared.pos");
        try (PositionFile first = PositionFile.open(pos, log, false)) {
            IOException e = assertThrows(IOException.class, () -> PositionFile.open(pos, log, false));
            assertTrue(e.getMessage().contains("in use by another tail source"), e.getMessage());
        }
        PositionFile.open(pos, log, false).close();
    }

    @Test
    void createsItsDirectory() throws IOException {
        Path pos = dir.resolve("a/b/c.pos");
        try (PositionFile pf = PositionFile.open(pos, log, false)) {
            pf.add("/x", 0, 1);
        }
        assertTrue(Files.exists(pos));
    }

    /**
     * A run that made its pos file and wrote every position within one clock tick leaves birth and
     * modification time equal; a log file made after that is still known for a new file with a reused inode.
     */
    @Test
    void aPosFileWrittenWithinTheTickItWasMadeInStillDatesItsLastWrite() throws IOException {
        Path pos = dir.resolve("x.pos");
        Files.writeString(pos, "/var/log/x.log\t0000000000000023\t0000000000000007\n");
        Files.setLastModifiedTime(pos, birth(pos));
        Path log = dir.resolve("x.log");
        do { // made in a later tick than the pos file, as a file made after the run stopped is
            Files.deleteIfExists(log);
            Files.writeString(log, "line\n");
        } while (birth(log).compareTo(birth(pos)) <= 0);
        Files.setLastModifiedTime(log, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 1000));
        org.junit.jupiter.api.Assumptions.assumeTrue(FileIdentity.stat(log).knowsBirth(), "this file system keeps no birth times");
        try (PositionFile pf = PositionFile.open(pos, this.log, false)) {
            assertTrue(pf.bornAfterLastWrite(FileIdentity.stat(log)));
        }
    }

    /** A pos file restored with its old times (cp -p, tar) cannot date anything: the inode is all there is. */
    @Test
    void aPosFileWhoseLastWriteIsBeforeItsBirthDatesNothing() throws IOException {
        Path pos = dir.resolve("x.pos");
        Files.writeString(pos, "/var/log/x.log\t0000000000000023\t0000000000000007\n");
        Files.setLastModifiedTime(pos, java.nio.file.attribute.FileTime.fromMillis(birth(pos).toMillis() - 3_600_000));
        Path log = dir.resolve("x.log");
        Files.writeString(log, "line\n");
        Files.setLastModifiedTime(log, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 1000));
        try (PositionFile pf = PositionFile.open(pos, this.log, false)) {
            assertTrue(!pf.bornAfterLastWrite(FileIdentity.stat(log)));
        }
    }

    private static java.nio.file.attribute.FileTime birth(Path p) throws IOException {
        return (java.nio.file.attribute.FileTime) Files.getAttribute(p, "creationTime");
    }
}
