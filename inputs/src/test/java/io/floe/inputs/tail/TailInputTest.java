package io.floe.inputs.tail;

import static io.floe.inputs.tail.Tails.append;
import static io.floe.inputs.tail.Tails.await;
import static io.floe.inputs.tail.Tails.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source end to end in one process: which lines are read, tags, positions, new files, restarts. */
class TailInputTest {
    @TempDir
    Path dir;

    private String[] conf(String... extra) {
        List<String> l = new ArrayList<>(List.of("path " + dir + "/*.log", "pos_file " + dir + "/pos/tail.pos", "tag app.*",
                "refresh_interval 60s", "rotate_wait 1s"));
        l.addAll(List.of(extra));
        l.add("<parse>\n @type none\n</parse>");
        return l.toArray(new String[0]);
    }

    private static List<Object> expected(int from, int to) {
        List<Object> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add("line " + i);
        }
        return out;
    }

    @Test
    void readFromHeadTagsEachFileByItsPathAndAddsPathKey() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, lines("line ", 0, 3));
        try (Tails.Running t = new Tails.Running(conf("read_from_head true", "path_key filepath"))) {
            await().until(() -> t.ctx.router.count() == 3);
            assertEquals(expected(0, 3), t.ctx.router.field("message"));
            assertEquals("app" + f.toString().replace('/', '.'), t.ctx.router.emits.get(0).tag());
            assertEquals(f.toString(), t.ctx.router.records().get(0).get("filepath"));
            assertEquals(3, t.ctx.metrics.emitRecords.sum());
        }
    }

    @Test
    void withoutReadFromHeadExistingLinesAreSkippedAndNewOnesRead() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, lines("line ", 0, 3));
        try (Tails.Running t = new Tails.Running(conf())) {
            await().until(() -> t.input.watchedFiles() == 1);
            append(f, lines("line ", 3, 5));
            await().until(() -> t.ctx.router.count() == 2);
            assertEquals(expected(3, 5), t.ctx.router.field("message"));
        }
    }

    @Test
    void filesCreatedAfterStartAreReadFromTheirStartWithoutWaitingForARefresh() throws Exception {
        try (Tails.Running t = new Tails.Running(conf())) {
            await().until(() -> t.input.scans() == 1);
            Files.writeString(dir.resolve("new.log"), lines("line ", 0, 2));
            await().until(() -> t.ctx.router.count() == 2);
            assertEquals(expected(0, 2), t.ctx.router.field("message"));
        }
    }

    @Test
    void restartContinuesAtThePositionWithoutRepeating() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, lines("line ", 0, 5));
        try (Tails.Running t = new Tails.Running(conf("read_from_head true"))) {
            await().until(() -> t.ctx.router.count() == 5);
        }
        append(f, lines("line ", 5, 8));
        try (Tails.Running t = new Tails.Running(conf("read_from_head true"))) {
            await().until(() -> t.ctx.router.count() == 3);
            assertEquals(expected(5, 8), t.ctx.router.field("message"));
        }
        String pos = Files.readString(dir.resolve("pos/tail.pos"));
        assertEquals(f + "\t" + PositionEntry.hex(Files.size(f)) + "\t" + PositionEntry.hex(Tails.inode(f)) + "\n", pos);
    }

    @Test
    void aFluentdPosFileIsContinued() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, lines("line ", 0, 10));
        long fifth = lines("line ", 0, 5).length();
        Files.createDirectories(dir.resolve("pos"));
        Files.writeString(dir.resolve("pos/tail.pos"), f + "\t" + PositionEntry.hex(fifth) + "\t" + PositionEntry.hex(Tails.inode(f)) + "\n");
        try (Tails.Running t = new Tails.Running(conf("read_from_head true"))) {
            assertEquals(expected(5, 10), Tails.untilSentinel(t, f, "message"));
        }
    }

    @Test
    void theEntryMovesOnlyOnceTheOutputsHoldTheEvents() throws Exception {
        Path f = dir.resolve("a.log");
        Path pos = dir.resolve("pos/tail.pos");
        var gate = new java.util.concurrent.CompletableFuture<Void>();
        var emitting = new java.util.concurrent.CountDownLatch(1);
        try (Tails.Running t = new Tails.Running(conf("read_from_head true"))) {
            t.ctx.router.outcome = e -> {
                emitting.countDown();
                return gate;
            };
            append(f, lines("line ", 0, 3));
            assertTrue(emitting.await(15, java.util.concurrent.TimeUnit.SECONDS));
            // The source now waits for the outputs: its entry still says nothing was read.
            assertTrue(Files.readString(pos).contains("\t0000000000000000\t"), Files.readString(pos));
            t.ctx.router.outcome = e -> java.util.concurrent.CompletableFuture.completedFuture(null);
            gate.complete(null);
            await().until(() -> Files.readString(pos).contains("\t" + PositionEntry.hex(Files.size(f)) + "\t"));
        }
    }

    @Test
    void aFailedEmitIsReadAgainNotSkipped() throws Exception {
        Path f = dir.resolve("a.log");
        var failures = new java.util.concurrent.atomic.AtomicInteger(2);
        try (Tails.Running t = new Tails.Running(conf("read_from_head true"))) {
            t.ctx.router.outcome = e -> failures.getAndDecrement() > 0
                    ? java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("buffer full"))
                    : java.util.concurrent.CompletableFuture.completedFuture(null);
            Files.writeString(f, lines("line ", 0, 4));
            await().until(() -> t.ctx.router.count() == 4);
            assertEquals(expected(0, 4), t.ctx.router.field("message"));
            assertTrue(t.ctx.log.has(org.slf4j.event.Level.WARN, "buffer full"));
        }
    }

    @Test
    void skipRefreshOnStartupPutsTheFirstScanOff() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, lines("line ", 0, 2));
        String[] c = conf("read_from_head true", "skip_refresh_on_startup true");
        c[3] = "refresh_interval 1s";
        try (Tails.Running t = new Tails.Running(c)) {
            assertEquals(0, t.input.scans());
            await().until(() -> t.ctx.router.count() == 2);
            assertTrue(t.input.scans() >= 1);
        }
    }

    @Test
    void pausedReadsNothingUntilResumed() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "");
        try (Tails.Running t = new Tails.Running(conf("read_from_head true"))) {
            await().until(() -> t.input.watchedFiles() == 1);
            t.input.pause();
            int polls = t.input.fullPolls();
            append(f, lines("line ", 0, 3));
            // Two ticks of the 1 s timer: a whole poll moment passed after the append, however slow the machine.
            await().until(() -> t.input.fullPolls() >= polls + 2);
            assertEquals(0, t.ctx.router.count());
            t.input.resume();
            await().until(() -> t.ctx.router.count() == 3);
        }
    }

    @Test
    void pollingAloneWhenInotifyIsOff() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "");
        try (Tails.Running t = new Tails.Running(conf("enable_stat_watcher false", "refresh_interval 1s"))) {
            await().until(() -> t.input.watchedFiles() == 1);
            append(f, lines("line ", 0, 2));
            Files.writeString(dir.resolve("b.log"), lines("line ", 2, 3));
            await().until(() -> t.ctx.router.count() == 3);
        }
    }

    @Test
    void excludePathAndSeveralPatterns() throws Exception {
        Files.createDirectories(dir.resolve("other"));
        Files.writeString(dir.resolve("a.log"), "line 0\n");
        Files.writeString(dir.resolve("skip.log"), "skipped\n");
        Files.writeString(dir.resolve("other/b.txt"), "line 1\n");
        String[] c = conf("read_from_head true", "exclude_path [\"" + dir + "/skip*\"]");
        c[0] = "path " + dir + "/*.log, " + dir + "/other/*.txt";
        try (Tails.Running t = new Tails.Running(c)) {
            await().until(() -> t.ctx.router.count() == 2);
            List<Object> got = Tails.untilSentinel(t, dir.resolve("a.log"), "message");
            assertEquals(List.of("line 0", "line 1"), got.stream().sorted().toList());
        }
    }

    @Test
    void limitRecentlyModifiedLeavesOldFilesAlone() throws Exception {
        Path old = dir.resolve("old.log");
        Files.writeString(old, "old\n");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Files.writeString(dir.resolve("new.log"), "line 0\n");
        try (Tails.Running t = new Tails.Running(conf("read_from_head true", "limit_recently_modified 10m"))) {
            assertEquals(List.of("line 0"), Tails.untilSentinel(t, dir.resolve("new.log"), "message"));
            assertEquals(1, t.input.watchedFiles());
        }
    }

    @Test
    void readBytesLimitPerSecondSpreadsReading() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, lines("line ", 0, 3000)); // ~29 KB: four one-second windows at 8 KB/s
        // Counted from before the source starts, not from the first emit: a busy machine can delay that emit well
        // after the read that opened the first window, and so shorten the apparent spread. Windows start a second
        // apart from the first read on, which comes after this stamp: the fourth window's read is 3 s after it at least.
        long started = System.nanoTime();
        try (Tails.Running t = new Tails.Running(conf("read_from_head true", "read_bytes_limit_per_second 8192"))) {
            await().until(() -> t.ctx.router.count() == 3000);
            assertEquals(expected(0, 3000), t.ctx.router.field("message"));
            long spread = t.ctx.router.emits.get(t.ctx.router.emits.size() - 1).nanoTime() - started;
            assertTrue(spread >= 2_500_000_000L, "read over more than 2.5 s, not at once: " + spread / 1_000_000 + " ms");
        }
    }

    @Test
    void readLinesLimitBoundsABatch() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, lines("line ", 0, 25));
        try (Tails.Running t = new Tails.Running(conf("read_from_head true", "read_lines_limit 10"))) {
            await().until(() -> t.ctx.router.count() == 25);
            assertTrue(t.ctx.router.emits.stream().allMatch(e -> e.events().size() <= 10));
            assertEquals(expected(0, 25), t.ctx.router.field("message"));
        }
    }

    @Test
    void recordsCarryTheParsersTime() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "{\"time\":\"2026-11-21T03:22:11.817939191Z\",\"msg\":\"hi\"}\n");
        String[] c = conf("read_from_head true");
        c[c.length - 1] = "<parse>\n @type json\n time_format %iso8601\n</parse>";
        try (Tails.Running t = new Tails.Running(c)) {
            await().until(() -> t.ctx.router.count() == 1);
            var e = t.ctx.router.events().get(0);
            assertEquals(Map.of("msg", "hi"), e.record());
            assertEquals(java.time.Instant.parse("2026-11-21T03:22:11.817939191Z"), e.time().toInstant());
        }
    }
}
