package io.floe.inputs.tail;

import static io.floe.inputs.tail.Tails.append;
import static io.floe.inputs.tail.Tails.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/** Input no tailer should choke on: each gets a clear warning, and the good file next to it keeps being read. */
class TailBadInputTest {
    @TempDir
    Path dir;

    /** A source over {@code path} reading from the head, each line a {"message": line} record. */
    private String[] conf(String path, String... extra) {
        return Tails.source(dir, path, "@type none", Stream.concat(Stream.of("tag app", "read_from_head true",
                "rotate_wait 500ms"), Stream.of(extra)).toArray(String[]::new));
    }

    /** Writes to the good file and waits until that line arrives: the source is alive. */
    private static void stillReading(Tails.Running t, Path good, String line) throws Exception {
        append(good, line + "\n");
        await().alias("reading " + good + "; log: " + t.ctx.log.lines).until(() -> t.ctx.router.field("message").contains(line));
    }

    @Test
    void binaryGarbage() throws Exception {
        Path bad = dir.resolve("bad.log");
        byte[] junk = new byte[200_000];
        new Random(1).nextBytes(junk);
        Files.write(bad, junk);
        Path good = dir.resolve("good.log");
        try (Tails.Running t = new Tails.Running(conf(dir + "/*.log"))) {
            stillReading(t, good, "alive");
            append(bad, "\nreadable after garbage\n");
            await().until(() -> t.ctx.router.field("message").contains("readable after garbage"));
            assertTrue(t.ctx.log.has(Level.WARN, "not valid UTF-8"), t.ctx.log.warnings().toString());
        }
    }

    @Test
    void invalidUtf8IsReplacedAndWarnedAbout() throws Exception {
        Path f = dir.resolve("a.log");
        Files.write(f, new byte[] {'o', 'k', ' ', (byte) 0xff, (byte) 0xfe, ' ', (byte) 0xe2, (byte) 0x9c, '\n'});
        try (Tails.Running t = new Tails.Running(conf(f.toString()))) {
            t.awaitEvents(1);
            assertEquals("ok \ufffd\ufffd \ufffd", t.ctx.router.records().get(0).get("message"));
            assertTrue(t.ctx.log.has(Level.WARN, "1 line(s) of " + f + " held bytes that are not valid UTF-8"), t.ctx.log.warnings().toString());
        }
    }

    @Test
    void fiftyMegabyteLineWithoutNewline() throws Exception {
        Path big = dir.resolve("big.log");
        try (OutputStream out = Files.newOutputStream(big)) {
            byte[] chunk = "z".repeat(1 << 20).getBytes();
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
        }
        Path good = dir.resolve("good.log");
        try (Tails.Running t = new Tails.Running(conf(dir + "/*.log"))) {
            stillReading(t, good, "alive while the long line is scanned");
            append(big, "\nafter the long line\n");
            await().until(() -> t.ctx.router.field("message").contains("after the long line"));
            assertTrue(t.ctx.log.has(Level.WARN, "skipped a line of " + (50L << 20 | 1) + " bytes at offset 0 of " + big),
                    t.ctx.log.warnings().toString());
            assertTrue(t.ctx.router.field("message").stream().noneMatch(m -> ((String) m).startsWith("zzz")));
        }
    }

    @Test
    void aFifoIsNotOpened() throws Exception {
        Path fifo = dir.resolve("pipe.log");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Path good = dir.resolve("good.log");
        try (Tails.Running t = new Tails.Running(conf(dir + "/*.log"))) {
            stillReading(t, good, "alive");
            assertTrue(t.ctx.log.has(Level.WARN, fifo + " is not a regular file"), t.ctx.log.warnings().toString());
        }
    }

    @Test
    void pathsThatCannotBeReadEvenByRoot() throws Exception {
        Path file = dir.resolve("plain");
        Files.writeString(file, "x");
        Path loopA = dir.resolve("loop-a.log");
        Files.createSymbolicLink(loopA, dir.resolve("loop-b.log"));
        Files.createSymbolicLink(dir.resolve("loop-b.log"), loopA);
        Path good = dir.resolve("good.log");
        String paths = file + "/under-a-file.log," + dir + "/*.log";
        try (Tails.Running t = new Tails.Running(conf(paths))) {
            stillReading(t, good, "alive");
            assertTrue(t.ctx.log.has(Level.WARN, "cannot tail " + loopA), t.ctx.log.warnings().toString());
            assertTrue(t.ctx.log.has(Level.WARN, "cannot tail " + file + "/under-a-file.log"), t.ctx.log.warnings().toString());
            assertEquals(1, t.input.watchedFiles());
        }
    }

    @Test
    void aDirectoryWhereTheFileWas() throws Exception {
        Path f = dir.resolve("x.log");
        Files.writeString(f, "first\n");
        Path good = dir.resolve("good.log");
        try (Tails.Running t = new Tails.Running(conf(dir + "/*.log"))) {
            await().until(() -> t.ctx.router.field("message").contains("first"));
            Files.delete(f);
            Files.createDirectory(f);
            await().until(() -> t.ctx.log.has(Level.INFO, "stopped following " + f));
            stillReading(t, good, "alive");
            Files.delete(f);
            Files.writeString(f, "second\n");
            await().until(() -> t.ctx.router.field("message").contains("second"));
        }
    }

    @Test
    void aPosFileWithGarbageLines() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "one\ntwo\n");
        Files.createDirectories(dir.resolve("pos"));
        Files.writeString(dir.resolve("pos/tail.pos"), "\u0000\u0001garbage\n" + f + "\t0000000000000004\t"
                + PositionEntry.hex(Tails.inode(f)) + "\nhalf\t00\n");
        try (Tails.Running t = new Tails.Running(conf(f.toString()))) {
            t.awaitEvents(1);
            assertEquals("two", t.ctx.router.records().get(0).get("message"));
            assertEquals(2, t.ctx.log.warnings().stream().filter(w -> w.contains("Unparsable line in pos_file")).count());
        }
    }

    @Test
    void configurationErrorsAsFluentdReportsThem() {
        assertEquals("encoding parameter must be specified with from_encoding", failure("from_encoding ISO-8859-1"));
        assertEquals("Can't follow inodes without pos_file configuration parameter", failure("follow_inodes true"));
        assertEquals("unknown encoding name - nope", failure("encoding nope"));
        assertTrue(Tails.errors("path /x").get(0).contains("'tag' parameter is required"));
    }

    private String failure(String line) {
        TailConfig c = Tails.config("path " + dir + "/*.log", "tag x", line, "<parse>\n @type none\n</parse>");
        try {
            new TailInput(c, new TailContext());
            return "no error";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
