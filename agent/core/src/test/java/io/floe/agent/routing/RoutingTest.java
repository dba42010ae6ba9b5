package io.floe.agent.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.agent.config.ConfigPipeline;
import io.floe.agent.pipeline.BufferedSink;
import io.floe.agent.pipeline.DirectSink;
import io.floe.agent.pipeline.Pipeline;
import io.floe.agent.pipeline.PluginUnit;
import io.floe.agent.testplugins.CaptureOutput;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.api.monitor.BufferStatus;
import io.floe.api.monitor.RetryStatus;
import io.floe.buffer.BufferOverflowException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/** Fluentd's routing semantics, on a pipeline built from config text and run in this JVM. */
class RoutingTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ConfigPipeline running = new ConfigPipeline("routing.conf");
    private Pipeline pipeline;

    private Pipeline run(String conf) throws Exception {
        pipeline = running.run(conf, dir);
        return pipeline;
    }

    private CaptureOutput capture(String id) {
        return (CaptureOutput) unit(id).plugin();
    }

    private PluginUnit unit(String id) {
        return pipeline.plugins().stream().filter(u -> u.id().equals(id)).findFirst().orElseThrow();
    }

    private static EventStream events(Map<String, Object>... records) {
        EventStreamWriter w = new EventStreamWriter();
        for (Map<String, Object> r : records) {
            w.add(EventTime.ofSeconds(1_700_000_000L), r);
        }
        return w.build();
    }

    private void emit(String tag, EventStream events) throws Exception {
        pipeline.labels().get("").deliver(tag, events);
    }

    @Test
    void theFirstMatchingMatchWinsInFileOrder() throws Exception {
        run("""
                <match app.web>
                  @type capture
                  @id first
                </match>
                <match app.**>
                  @type capture
                  @id second
                </match>
                """);
        emit("app.web", events(Map.of("n", 1)));
        emit("app.db", events(Map.of("n", 2)));
        emit("other", events(Map.of("n", 3)));
        assertEquals(List.of("app.web"), capture("first").events.stream().map(CaptureOutput.Captured::tag).toList());
        assertEquals(List.of("app.db"), capture("second").events.stream().map(CaptureOutput.Captured::tag).toList());
    }

    @Test
    void filtersBeforeTheMatchApplyInOrderAndFiltersAfterItDoNot() throws Exception {
        run("""
                <filter app.**>
                  @type set_field
                  key stage
                  value one
                </filter>
                <filter app.web>
                  @type set_field
                  key stage
                  value two
                  drop_key noisy
                </filter>
                <match app.**>
                  @type capture
                  @id out
                </match>
                <filter **>
                  @type set_field
                  key late
                  value never
                </filter>
                """);
        emit("app.web", events(Map.of("n", 1), Map.of("n", 2, "noisy", true)));
        emit("app.db", events(Map.of("n", 3)));
        List<CaptureOutput.Captured> got = capture("out").events;
        assertEquals(2, got.size());
        assertEquals(Map.of("n", 1L, "stage", "two"), got.get(0).event().record());
        assertEquals(Map.of("n", 3L, "stage", "one"), got.get(1).event().record());
        // A filter's emit_records counts what it passed on: the first saw 3 and passed 3, the second passed 1 of 2.
        List<Long> passed = pipeline.plugins().stream().filter(u -> u.category().equals("filter"))
                .map(u -> u.metrics().emitRecords.sum()).toList();
        assertEquals(List.of(3L, 1L, 0L), passed);
    }

    @Test
    void inputsEmitIntoTheirLabelAndRelabelMovesEvents() throws Exception {
        run("""
                <source>
                  @type sample
                  tag from.sample
                  rate 50
                  @label @SAMPLES
                </source>
                <match **>
                  @type capture
                  @id root
                </match>
                <label @SAMPLES>
                  <match from.**>
                    @type relabel
                    @label @FINAL
                  </match>
                </label>
                <label @FINAL>
                  <match **>
                    @type capture
                    @id final
                  </match>
                </label>
                """);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> capture("final").events.size() >= 3);
        assertEquals(0, capture("root").events.size());
        assertEquals("from.sample", capture("final").events.get(0).tag());
    }

    @Test
    void rejectedEventsAndFailingFiltersGoToTheErrorLabel() throws Exception {
        run("""
                <filter app.**>
                  @type set_field
                  key seen
                  value yes
                  fail_key explode
                </filter>
                <match app.**>
                  @type capture
                  @id out
                  reject_key bad
                </match>
                <label @ERROR>
                  <match **>
                    @type capture
                    @id errors
                  </match>
                </label>
                """);
        emit("app.x", events(Map.of("n", 1), Map.of("n", 2, "bad", 1), Map.of("n", 3, "explode", 1)));
        assertEquals(1, capture("out").events.size());
        List<Map<String, Object>> errors = capture("errors").events.stream().map(c -> c.event().record()).toList();
        assertEquals(2, errors.size());
        assertTrue(errors.contains(Map.of("n", 3L, "explode", 1L)), errors.toString());
        assertTrue(errors.contains(Map.of("n", 2L, "bad", 1L, "seen", "yes")), errors.toString());
    }

    @Test
    void copyGivesEveryStoreTheEventsAndIgnoreErrorKeepsGoing() throws Exception {
        run("""
                <match a>
                  @type copy
                  <store ignore_error>
                    @type capture
                    @id broken
                    unrecoverable true
                  </store>
                  <store>
                    @type capture
                    @id good
                  </store>
                </match>
                <match b>
                  @type copy
                  <store>
                    @type capture
                    @id strict
                    unrecoverable true
                  </store>
                  <store>
                    @type capture
                    @id never
                  </store>
                </match>
                """);
        emit("a", events(Map.of("n", 1)));
        assertEquals(1, capture("good").events.size());
        assertThrows(Exception.class, () -> emit("b", events(Map.of("n", 1))));
        assertEquals(0, capture("never").events.size(), "an error in a store without ignore_error stops the copy");
    }

    @Test
    void outputsWithoutBufferWriteDirectlyAndLegacyFlushIntervalMakesABuffer() throws Exception {
        run("""
                <match direct>
                  @type capture
                  @id direct
                </match>
                <match legacy>
                  @type capture
                  @id legacy
                  flush_interval 3s
                </match>
                <match bydefault>
                  @type capture
                  @id bydefault
                  buffered true
                </match>
                """);
        assertInstanceOf(DirectSink.class, unit("direct").sink());
        assertInstanceOf(BufferedSink.class, unit("legacy").sink());
        assertInstanceOf(BufferedSink.class, unit("bydefault").sink());
        emit("legacy", events(Map.of("n", 1)));
        // Checked at once, well within the 3 s: only a stall of seconds between two statements could break it.
        assertEquals(0, capture("legacy").events.size(), "held by the buffer until its flush interval");
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> capture("legacy").events.size() == 1);
    }

    @Test
    void failedWritesAreRetriedOnFluentdsBackoff() throws Exception {
        run("""
                <match t>
                  @type capture
                  @id flaky
                  fail_times 3
                  <buffer>
                    flush_mode immediate
                    retry_wait 500ms
                    retry_exponential_backoff_base 2
                    retry_randomize false
                  </buffer>
                </match>
                """);
        emit("t", events(Map.of("n", 1)));
        CaptureOutput out = capture("flaky");
        BufferedSink sink = (BufferedSink) unit("flaky").sink();
        // While it retries (3.5 s here), the monitor shows the retry and the chunk still held: a chunk being
        // written is out of the queue but still counted in its bytes.
        AtomicReference<RetryStatus> seen = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            RetryStatus r = sink.retryStatus();
            BufferStatus b = sink.monitorStatus();
            seen.set(r);
            return r != null && b.totalQueuedBytes() > 0 && b.queueLength() <= 1;
        });
        RetryStatus retry = seen.get();
        // A retry is due retry_wait or more after the failure, so never before the sequence started plus 500 ms.
        assertTrue(retry.nextMillis() >= retry.startMillis() + 500, String.valueOf(retry));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> out.events.size() == 1);
        // The output has the event before the sink purges the chunk: wait for the purge too.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sink.monitorStatus().totalQueuedBytes() == 0);
        BufferStatus done = sink.monitorStatus();
        assertEquals(0, done.queueLength());
        assertEquals(0L, done.totalQueuedBytes());
        assertEquals(100.0, done.availableSpaceRatio());
        assertNull(sink.retryStatus(), String.valueOf(sink.retryStatus()));
        List<Long> at = out.attemptMillis;
        assertEquals(4, at.size());
        // The schedule itself is RetryStateTest's; on the wall clock a busy machine can only make retries late, never early.
        long[] expected = {500, 1000, 2000};
        for (int i = 0; i < 3; i++) {
            long gap = at.get(i + 1) - at.get(i);
            assertTrue(gap >= expected[i], "retry " + (i + 1) + " after " + gap + " ms, before its " + expected[i] + " ms wait");
        }
        assertEquals(3, unit("flaky").metrics().retryCount.sum());
    }

    /**
     * Two flush threads, one chunk that always fails among chunks that go through: when its retries run out,
     * the chunk that failed is the one backed up (not whichever chunk is at the queue's head at that moment),
     * and every other chunk is delivered, none backed up.
     */
    @Test
    void aChunkThatRunsOutOfRetriesIsBackedUpNotDropped() throws Exception {
        run("""
                <match t>
                  @type capture
                  @id doomed
                  fail_key poison
                  <buffer>
                    flush_mode immediate
                    flush_thread_count 2
                    retry_wait 50ms
                    retry_max_times 2
                    retry_randomize false
                  </buffer>
                </match>
                """);
        CaptureOutput out = capture("doomed");
        emit("t", events(Map.of("n", 0, "poison", true), Map.of("n", 1, "poison", true)));
        for (int i = 2; i < 40; i++) {
            emit("t", events(Map.of("n", i)));
        }
        Path backups = dir.resolve("backup/worker0/doomed");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> out.events.size() == 38
                && Files.isDirectory(backups) && Files.list(backups).count() == 1);
        // A write that succeeds ends a retry sequence (as in Fluentd), so the poisoned chunk failed at least
        // its first write and retry_max_times retries; it is the only chunk that ever failed.
        assertTrue(out.failedChunkIds.size() >= 3, out.failedChunkIds.toString());
        assertEquals(1, out.failedChunkIds.stream().distinct().count(), out.failedChunkIds.toString());
        Path file = Files.list(backups).findFirst().orElseThrow();
        assertEquals(out.failedChunkIds.get(0) + ".log", file.getFileName().toString());
        assertEquals(List.of(0L, 1L), backedUpNumbers(file));
        assertEquals(38, out.events.stream().map(c -> c.event().record().get("n")).distinct().count());
        BufferedSink sink = (BufferedSink) unit("doomed").sink();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sink.buffer().queueLength() == 0 && sink.buffer().stageLength() == 0);
        assertNull(sink.retryStatus());
    }

    /** The {@code n} of each event in a backup file (PackedForward messages, as ChunkBackup writes them). */
    private static List<Long> backedUpNumbers(Path file) throws Exception {
        List<Long> out = new ArrayList<>();
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(Files.readAllBytes(file))) {
            while (u.hasNext()) {
                u.unpackArrayHeader();
                u.unpackString();
                byte[] entries = u.readPayload(u.unpackBinaryHeader());
                u.unpackMapHeader();
                u.unpackString();
                int size = u.unpackInt(); // the {"size": n} option
                for (io.floe.codec.event.Event e : EventStream.of(entries, size).decode()) {
                    out.add(((Number) e.record().get("n")).longValue());
                }
            }
        }
        out.sort(Long::compare);
        return out;
    }

    /** An Error from a plugin that the JVM survives fails the attempt; the flush thread lives on and retries the chunk. */
    @Test
    void anOutputsStackOverflowIsRetriedLikeAFailure() throws Exception {
        run("""
                <match t>
                  @type capture
                  @id deep
                  overflow_times 2
                  <buffer>
                    flush_mode immediate
                    retry_wait 100ms
                    retry_randomize false
                  </buffer>
                </match>
                """);
        emit("t", events(Map.of("n", 1)));
        CaptureOutput out = capture("deep");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> out.events.size() == 1);
        assertEquals(3, out.attemptMillis.size(), "two failed attempts, then the write");
        emit("t", events(Map.of("n", 2)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> out.events.size() == 2);
    }

    @Test
    void throwExceptionRefusesWritesAtTheTotalLimit() throws Exception {
        run("""
                <match t>
                  @type capture
                  @id slow
                  fail_times 1000
                  <buffer>
                    retry_wait 1h
                    flush_interval 1h
                    chunk_limit_size 1k
                    total_limit_size 2k
                    overflow_action throw_exception
                  </buffer>
                </match>
                """);
        EventStream batch = events(Map.of("pad", "x".repeat(700)));
        emit("t", batch);
        emit("t", batch);
        assertThrows(BufferOverflowException.class, () -> emit("t", batch));
    }

    @Test
    void ignoreIfPrevSuccessSkipsAStoreOnlyWhenTheOneBeforeItTookTheEvents() throws Exception {
        run("""
                <match up>
                  @type copy
                  <store>
                    @type capture
                    @id first
                  </store>
                  <store ignore_if_prev_success>
                    @type capture
                    @id skipped
                  </store>
                </match>
                <match down>
                  @type copy
                  <store ignore_error>
                    @type capture
                    fail_times 1
                    @id down
                  </store>
                  <store ignore_if_prev_success>
                    @type capture
                    @id fallback
                  </store>
                </match>
                """);
        emit("up", events(Map.of("n", 1)));
        emit("down", events(Map.of("n", 2)));
        assertEquals(1, capture("first").events.size());
        assertEquals(0, capture("skipped").events.size(), "the store before it took the events");
        assertEquals(0, capture("down").events.size());
        assertEquals(1, capture("fallback").events.size(), "the store before it failed");
    }

    @Test
    void aFailingStoreNeitherBlocksNorDuplicatesIntoTheOthers() throws Exception {
        run("""
                <match t>
                  @type copy
                  <store>
                    @type capture
                    @id flaky
                    fail_times 2
                    <buffer>
                      flush_mode immediate
                      retry_wait 1h
                      retry_randomize false
                    </buffer>
                  </store>
                  <store>
                    @type capture
                    @id healthy
                    <buffer>
                      flush_mode immediate
                    </buffer>
                  </store>
                </match>
                """);
        for (int i = 0; i < 5; i++) {
            emit("t", events(Map.of("n", i)));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> capture("healthy").events.size() == 5);
        assertEquals(0, capture("flaky").events.size(), "the failing store is still waiting for its retry");
        // A forced flush (SIGUSR1) retries now rather than in an hour: the second retry goes through.
        BufferedSink flaky = (BufferedSink) unit("flaky").sink();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            flaky.flushNow();
            return capture("flaky").events.size() == 5;
        });
        assertEquals(5, capture("healthy").events.size(), "nothing was written twice to the healthy store");
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), capture("flaky").events.stream().map(c -> c.event().record().get("n")).sorted().toList());
    }

    /** A primary output that fails every write, retried {@code retryMaxTimes} times, then a capturing secondary with {@code secondary} lines. */
    private static String primaryThatAlwaysFails(int retryMaxTimes, String secondary) {
        return """
                <match t>
                  @type capture
                  @id primary
                  fail_times 1000
                  <buffer>
                    flush_mode immediate
                    retry_wait 50ms
                    retry_max_times %d
                    retry_randomize false
                  </buffer>
                  <secondary>
                    @type capture
                    %s
                  </secondary>
                </match>
                """.formatted(retryMaxTimes, secondary);
    }

    @Test
    void exhaustedRetriesGoToTheSecondary() throws Exception {
        run(primaryThatAlwaysFails(2, ""));
        emit("t", events(Map.of("n", 1)));
        BufferedSink sink = (BufferedSink) unit("primary").sink();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> unit("primary").metrics().retryCount.sum() >= 2
                && sink.buffer().queueLength() == 0 && sink.buffer().stageLength() == 0);
        assertTrue(Files.notExists(dir.resolve("backup")), "the secondary took the chunk, nothing was backed up");
    }

    /** A secondary that refuses part of a chunk: only the refused events go to the backup directory, the rest is done. */
    @Test
    void onlyWhatTheSecondaryRefusesIsBackedUp() throws Exception {
        run(primaryThatAlwaysFails(1, "@id second\n    reject_key bad"));
        emit("t", events(Map.of("n", 1), Map.of("n", 2, "bad", true), Map.of("n", 3)));
        Path backups = dir.resolve("backup/worker0/primary");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.isDirectory(backups) && Files.list(backups).count() == 1);
        assertEquals(List.of(2L), backedUpNumbers(Files.list(backups).findFirst().orElseThrow()));
        BufferedSink sink = (BufferedSink) unit("primary").sink();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sink.buffer().queueLength() == 0 && sink.buffer().stageLength() == 0);
    }

    @Test
    void bufferedEventsSurviveARestartOfThePipeline() throws Exception {
        String conf = """
                <match t>
                  @type capture
                  @id out
                  fail_times %d
                  <buffer>
                    flush_mode immediate
                    retry_wait %s
                  </buffer>
                </match>
                """;
        run(conf.formatted(1_000_000, "1h"));
        for (int i = 0; i < 100; i++) {
            emit("t", events(Map.of("n", i)));
        }
        pipeline.stop();
        run(conf.formatted(0, "1s"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> capture("out").events.size() == 100);
        assertEquals(100, capture("out").events.stream().map(c -> c.event().record().get("n")).distinct().count());
    }
}
