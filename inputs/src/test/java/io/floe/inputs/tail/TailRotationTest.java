package io.floe.inputs.tail;

import static io.floe.inputs.tail.Tails.append;
import static io.floe.inputs.tail.Tails.await;
import static io.floe.inputs.tail.Tails.lines;
import static io.floe.inputs.tail.Tails.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.testkit.DockerRotation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a log file is replaced under the reader, each checked for no loss and no repeat. */
class TailRotationTest {
    @TempDir
    Path dir;

    /** A source over {@code path} reading from the head, each line a {"message": line} record. */
    private String[] conf(String path, String... extra) {
        return Tails.source(dir, path, "@type none", Stream.concat(Stream.of("read_from_head true"), Stream.of(extra))
                .toArray(String[]::new));
    }

    /** x.log with its first five lines, read by a first run that then stopped: its position is in the pos file. */
    private Path readFiveAndStop() throws IOException {
        Path f = dir.resolve("x.log");
        Tails.readAndStop(f, 5, conf(dir + "/*.log"));
        return f;
    }

    /** Docker json-file's rotation, and the new empty file it then writes to. */
    private static void dockerRotate(Path f, int maxFile) throws IOException {
        DockerRotation.rotate(f, maxFile);
        Files.writeString(f, "");
    }

    /** A file written after it was made shows a modification time past its birth, as any live log soon does. */
    private static void writtenLater(Path f) throws IOException {
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 1000));
    }

    @Test
    void renameAndCreateWhileWriting() throws Exception {
        Path f = dir.resolve("x.log");
        Files.writeString(f, "");
        try (Tails.Running t = new Tails.Running(conf(dir + "/*.log"))) {
            await().until(() -> t.input.watchedFiles() == 1);
            int n = 0;
            for (int round = 0; round < 10; round++) {
                append(f, lines("line ", n, n + 50));
                n += 50;
                dockerRotate(f, 12);
            }
            append(f, lines("line ", n, n + 7));
            int total = n + 7;
            assertEquals(messages(0, total), Tails.untilSentinel(t, f, "message"));
        }
    }

    @Test
    void rotationsThatHappenWhileBehindAreAllRead() throws Exception {
        Path f = dir.resolve("x.log");
        try (Tails.Running t = Tails.afterReading(f, 10, conf(dir + "/*.log"))) {
            t.input.pause();
            append(f, lines("line ", 10, 20));
            dockerRotate(f, 5);
            append(f, lines("line ", 20, 30));
            dockerRotate(f, 5);
            append(f, lines("line ", 30, 40));
            dockerRotate(f, 5);
            append(f, lines("line ", 40, 45));
            t.input.resume();
            assertEquals(messages(0, 45), Tails.untilSentinel(t, f, "message"));
        }
    }

    @Test
    void aLineSplitAcrossARotationIsJoined() throws Exception {
        Path f = dir.resolve("x-json.log");
        String piece = "{\"log\":\"%s\",\"stream\":\"stdout\",\"time\":\"2026-11-21T03:22:11.5Z\"}\n";
        Files.writeString(f, piece.formatted("whole\\n") + piece.formatted("first half "));
        try (Tails.Running t = new Tails.Running(Tails.source(dir, dir + "/*-json.log", "@type docker", "read_from_head true"))) {
            t.awaitEvents(1);
            dockerRotate(f, 3);
            append(f, piece.formatted("second half\\n") + piece.formatted("after\\n"));
            t.awaitEvents(3);
            assertEquals(List.of("whole", "first half second half", "after"), t.ctx.router.field("log"));
        }
        String pos = Files.readString(dir.resolve("pos/tail.pos"));
        assertTrue(pos.contains("\t" + PositionEntry.hex(Files.size(f)) + "\t" + PositionEntry.hex(Tails.inode(f))), pos);
    }

    @Test
    void aNewFileReusingADeletedFilesInode() throws Exception {
        Path f = dir.resolve("x.log");
        Files.writeString(f, "");
        Set<Long> inodes = new HashSet<>();
        int reused = 0;
        // rotate_wait 0: the old descriptor is closed at once, so the deleted file's inode is free to be reused.
        try (Tails.Running t = new Tails.Running(conf(dir + "/*.log", "rotate_wait 0s"))) {
            await().until(() -> t.input.watchedFiles() == 1);
            int n = 0;
            for (int round = 0; round < 20; round++) {
                append(f, lines("line ", n, n + 20));
                n += 20;
                int at = n;
                await().until(() -> t.ctx.router.count() >= at);
                dockerRotate(f, 2);
                if (!inodes.add(Tails.inode(f))) {
                    reused++;
                }
            }
            int total = n;
            assertEquals(messages(0, total), Tails.untilSentinel(t, f, "message"));
        }
        // ext4 hands a deleted file's inode to the next new file; other file systems may not.
        System.out.println("inode numbers reused by new files: " + reused + " of 20 rotations");
    }

    @Test
    void copytruncate() throws Exception {
        Path f = dir.resolve("x.log");
        try (Tails.Running t = Tails.afterReading(f, 5, conf(dir + "/*.log"))) {
            Files.copy(f, Path.of(f + ".1"));
            try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
            await().until(() -> t.ctx.log.has(org.slf4j.event.Level.INFO, "detected truncation"));
            append(f, lines("line ", 5, 8));
            assertEquals(messages(0, 8), Tails.untilSentinel(t, f, "message"));
        }
    }

    @Test
    void deletedWhileReadingThenCreatedAgain() throws Exception {
        Path f = dir.resolve("x.log");
        Path pos = dir.resolve("pos/tail.pos");
        try (Tails.Running t = Tails.afterReading(f, 3, conf(dir + "/*.log"))) {
            Files.delete(f);
            await().until(() -> t.ctx.log.has(org.slf4j.event.Level.INFO, "stopped following"));
            assertTrue(Files.readString(pos).contains("\tffffffffffffffff\t"), Files.readString(pos));
            Files.writeString(f, lines("line ", 3, 5));
            t.awaitEvents(5);
            assertEquals(messages(0, 5), t.ctx.router.field("message"));
        }
    }

    @Test
    void kubeletSymlinksAndRotation() throws Exception {
        Path pods = dir.resolve("pods/ns_web-1_uid/app");
        Path containers = dir.resolve("containers");
        Files.createDirectories(pods);
        Files.createDirectories(containers);
        Path live = pods.resolve("0.log");
        Files.writeString(live, lines("line ", 0, 5));
        Path link = containers.resolve("web-1_ns_app-" + "a".repeat(64) + ".log");
        Files.createSymbolicLink(link, live);
        try (Tails.Running t = new Tails.Running(conf(containers + "/*.log"))) {
            t.awaitEvents(5);
            assertEquals("app" + link.toString().replace('/', '.'), t.ctx.router.emits.get(0).tag());
            append(live, lines("line ", 5, 10));
            t.awaitEvents(10);
            for (int r = 0; r < 3; r++) {
                // The kubelet: gzip earlier rotated files, rename the live one with a timestamp, the runtime reopens.
                try (var s = Files.list(pods)) {
                    for (Path old : s.filter(p -> p.getFileName().toString().matches("0\\.log\\.\\d+")).toList()) {
                        Files.copy(old, Path.of(old + ".gz"));
                        Files.delete(old);
                    }
                }
                Files.move(live, pods.resolve("0.log.2026010" + r), StandardCopyOption.ATOMIC_MOVE);
                append(live, lines("line ", 10 + r * 5, 15 + r * 5));
                // The kubelet rotates at most every 10 s; a file compressed before it was read is lost to any reader.
                int read = 15 + r * 5;
                await().until(() -> t.ctx.router.count() >= read);
            }
            assertEquals(messages(0, 25), Tails.untilSentinel(t, live, "message"));
        }
    }

    @Test
    void rotatedWhileStoppedTheRestOfTheOldFileIsReadFirst() throws Exception {
        Path f = readFiveAndStop();
        append(f, lines("line ", 5, 8));
        dockerRotate(f, 3);
        append(f, lines("line ", 8, 10));
        dockerRotate(f, 3);
        append(f, lines("line ", 10, 12));
        try (Tails.Running t = new Tails.Running(conf(dir + "/*.log"))) {
            assertEquals(messages(5, 12), Tails.untilSentinel(t, f, "message"));
        }
    }

    @Test
    void rotatedWhileStoppedAndTheOldFileIsGone() throws Exception {
        Path f = readFiveAndStop();
        append(f, lines("line ", 5, 8));
        Files.move(f, Path.of(f + ".1"));
        Files.copy(Path.of(f + ".1"), Path.of(f + ".1.gz"));
        Files.delete(Path.of(f + ".1"));
        Files.writeString(f, lines("line ", 8, 10));
        writtenLater(f);
        try (Tails.Running t = new Tails.Running(conf(dir + "/*.log"))) {
            assertEquals(messages(8, 10), Tails.untilSentinel(t, f, "message"));
            assertTrue(t.ctx.log.has(org.slf4j.event.Level.WARN, "may be lost"));
        }
    }

    @Test
    void restartWhenANewFileGotTheInodeOfTheOneTheEntryMeant() throws Exception {
        Path f = readFiveAndStop();
        long inode = Tails.inode(f);
        Files.delete(f);
        Files.writeString(f, lines("line ", 5, 20)); // longer than the old position
        writtenLater(f);
        org.junit.jupiter.api.Assumptions.assumeTrue(Tails.inode(f) == inode, "the file system did not reuse the inode");
        try (Tails.Running t = new Tails.Running(conf(dir + "/*.log"))) {
            assertEquals(messages(5, 20), Tails.untilSentinel(t, f, "message"));
        }
    }

    @Test
    void followInodesKeepsReadingTheRenamedFileOnce() throws Exception {
        Path f = dir.resolve("x.log");
        try (Tails.Running t = Tails.afterReading(f, 5, conf(dir + "/x.log*", "follow_inodes true"))) {
            append(f, lines("line ", 5, 7));
            Files.move(f, Path.of(f + ".1"));
            append(Path.of(f + ".1"), lines("line ", 7, 9));
            Files.writeString(f, lines("line ", 9, 11));
            await().until(() -> t.ctx.router.count() >= 11);
            // Past rotate_wait (1 s), to see that nothing more comes: three timer ticks are two seconds and a whole
            // poll after them, however slow the machine.
            int polls = t.input.fullPolls();
            await().until(() -> t.input.fullPolls() >= polls + 3);
            List<Object> got = t.ctx.router.field("message");
            assertEquals(11, got.size(), got.toString());
            assertEquals(new HashSet<>(messages(0, 11)), new HashSet<>(got));
        }
    }
}
