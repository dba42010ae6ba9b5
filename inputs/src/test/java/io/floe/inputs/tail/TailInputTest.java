package io.floe.inputs.tail;

import static io.floe.inputs.tail.Tails.append;
import static io.floe.inputs.tail.Tails.await;
import static io.floe.inputs.tail.Tails.lines;
import static io.floe.inputs.tail.Tails.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source end to end in one process: which lines are read, tags, positions, new files, restarts. */
class TailInputTest {
    @TempDir
    Path dir;

    /** A source over dir/*.log, each line a {"message": line} record. */
    private String[] conf(String... extra) {
        return Tails.source(dir, dir + "/*.log", "@type none", extra);
    }

    @Test
    void readFromHeadTagsEachFileByItsPathAndAddsPathKey() throws Exception {
        Path f = dir.resolve("a.log");
        try (Tails.Running t = Tails.afterReading(f, 3, conf("read_from_head true", "path_key filepath"))) {
            assertEquals(messages(0, 3), t.ctx.router.field("message"));
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
            t.awaitEvents(2);
            assertEquals(messages(3, 5), t.ctx.router.field("message"));
        }
    }

    @Test
    void filesCreatedAfterStartAreReadFromTheirStartWithoutWaitingForARefresh() throws Exception {
        try (Tails.Running t = new Tails.Running(conf())) {
            await().until(() -> t.input.scans() == 1);
            Files.writeString(dir.resolve("new.log"), lines("line ", 0, 2));
            t.awaitEvents(2);
            assertEquals(messages(0, 2), t.ctx.router.field("message"));
        }
    }

    @Test
    void restartContinuesAtThePositionWithoutRepeating() throws Exception {
        Path f = dir.resolve("a.log");
        Tails.readAndStop(f, 5, conf("read_from_head true"));
        append(f, lines("line ", 5, 8));
        try (Tails.Running t = new Tails.Running(conf("read_from_head true"))) {
            t.awaitEvents(3);
            assertEquals(messages(5, 8), t.ctx.router.field("message"));
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
            assertEquals(messages(5, 10), Tails.untilSentinel(t, f, "message"));
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
            t.awaitEvents(4);
            assertEquals(messages(0, 4), t.ctx.router.field("message"));
            assertTrue(t.ctx.log.has(org.slf4j.event.Level.WARN, "buffer full"));
        }
    }

    @Test
    void skipRefreshOnStartupPutsTheFirstScanOff() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, lines("line ", 0, 2));
        try (Tails.Running t = new Tails.Running(conf("read_from_head true", "skip_refresh_on_startup true", "refresh_interval 1s"))) {
            assertEquals(0, t.input.scans());
            t.awaitEvents(2);
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
            t.awaitEvents(3);
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
            t.awaitEvents(3);
        }
    }

    @Test
    void excludePathAndSeveralPatterns() throws Exception {
        Files.createDirectories(dir.resolve("other"));
        Files.writeString(dir.resolve("a.log"), "line 0\n");
        Files.writeString(dir.resolve("skip.log"), "skipped\n");
        Files.writeString(dir.resolve("other/b.txt"), "line 1\n");
        String[] c = conf("read_from_head true", "exclude_path [\"" + dir + "/skip*\"]", "path " + dir + "/*.log, " + dir + "/other/*.txt");
        try (Tails.Running t = new Tails.Running(c)) {
            t.awaitEvents(2);
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
            t.awaitEvents(3000);
            assertEquals(messages(0, 3000), t.ctx.router.field("message"));
            long spread = t.ctx.router.emits.get(t.ctx.router.emits.size() - 1).nanoTime() - started;
            assertTrue(spread >= 2_500_000_000L, "read over more than 2.5 s, not at once: " + spread / 1_000_000 + " ms");
        }
    }

    @Test
    void readLinesLimitBoundsABatch() throws Exception {
        Path f = dir.resolve("a.log");
        try (Tails.Running t = Tails.afterReading(f, 25, conf("read_from_head true", "read_lines_limit 10"))) {
            assertTrue(t.ctx.router.emits.stream().allMatch(e -> e.events().size() <= 10));
            assertEquals(messages(0, 25), t.ctx.router.field("message"));
        }
    }

    @Test
    void recordsCarryTheParsersTime() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "{\"time\":\"2026-11-21T03:22:11.817939191Z\",\"msg\":\"hi\"}\n");
        try (Tails.Running t = new Tails.Running(Tails.source(dir, dir + "/*.log", "@type json\n time_format %iso8601", "read_from_head true"))) {
            t.awaitEvents(1);
            var e = t.ctx.router.events().get(0);
            assertEquals(Map.of("msg", "hi"), e.record());
            assertEquals(java.time.Instant.parse("2026-11-21T03:22:11.817939191Z"), e.time().toInstant());
        }
    }
}
