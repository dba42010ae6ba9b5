package io.floe.agent.process;

import static io.floe.testkit.BufferFileDamage.dataFiles;
import static io.floe.testkit.BufferFileDamage.journalRecords;
import static io.floe.testkit.BufferFileDamage.overwrite;
import static io.floe.testkit.BufferFileDamage.truncate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.codec.event.Event;
import io.floe.codec.event.EventStream;
import io.floe.testkit.BufferFileDamage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Damaged buffer files at start-up, as a power cut or a full disk leaves them, through the real agent: a
 * file buffer holds known numbered events (written by the agent with its output down, then kill -9), the
 * damage is applied, and the agent restarts with the output up. Every intact event is delivered exactly
 * once; every other one is accounted for by one log line per damaged chunk (its event count) or by its
 * bytes in the backup directory; the agent keeps running and takes new events.
 */
class DamagedBufferIT {
    private static final int PER_RUN = 20_000;
    private static final int BATCH = 500;
    private static final Pattern CHUNK_LINE = Pattern.compile(
            "\\[out_file] damaged buffer chunk=\"([0-9a-f]{32})\" file=\"([^\"]*/data-\\d+\\.seg)(,[^\"]*/data-\\d+\\.seg)*\" events=(\\d+) cannot be delivered: ");
    private static final Pattern FILE_LINE = Pattern.compile("\\[out_file] damaged buffer file=\"[^\"]*\": .*; moved to \"[^\"]*\"");

    @RegisterExtension
    final Agents agents = new Agents();
    private int port;
    private Path conf;
    private Path blocker;

    /** forward → file buffer → out_file, whose directory cannot be created while a plain file stands in its place. */
    private void configure() throws IOException {
        port = agents.freePort();
        conf = agents.path("damaged.conf");
        Files.writeString(conf, FluentConf.forward(port) + FluentConf.jsonFile("app.**", "out_file", agents.path("out/app"),
                "@type file", "flush_mode interval", "flush_interval 200ms", "retry_wait 200ms", "retry_max_interval 1s"));
        blocker = Files.writeString(agents.path("out"), "not a directory: the output is down");
    }

    private Path bufferDir() {
        return agents.path("data/worker0/out_file/buffer");
    }

    private Path backupDir() {
        return agents.path("data/backup/worker0/out_file");
    }

    /** One agent lifetime with the output down: events [from, from + PER_RUN) go into the buffer (a data file of their own), then kill -9. */
    private void fill(int run) throws Exception {
        try (AgentProcess agent = agents.start("-c", conf.toString())) {
            agent.awaitRunning();
            new ForwardFeeder(port, "app.damaged", BATCH, 4).firstSeq((long) run * PER_RUN).send(PER_RUN, Duration.ofMinutes(2));
            agent.kill9();
        }
    }

    /** The journal's newest cycle file (the only one, unless the hour turned while the test ran). */
    private Path journal() throws IOException {
        try (Stream<Path> files = Files.list(bufferDir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    /**
     * Restarts with the output up and checks the promise for events [0, total): delivered exactly once, or
     * counted in a damage line, or their bytes in the backup (what lost its journal record); then new events.
     */
    private void restartAndCheck(int total, int expectedFileLines) throws Exception {
        Files.delete(blocker);
        try (AgentProcess agent = agents.start("-c", conf.toString())) {
            agent.awaitRunning();
            Path out = agents.path("out");
            long[] named = new long[1];
            BitSet unrecorded = new BitSet();
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                named[0] = namedInChunkLines(agent.stderrLines());
                unrecorded.clear();
                unrecorded.or(backedUpUnrecorded());
                int[] counts = OutputFiles.seqCounts(out, total);
                return total - OutputFiles.missing(counts) + named[0] + unrecorded.cardinality() >= total;
            });
            int[] counts = OutputFiles.seqCounts(out, total);
            long delivered = total - OutputFiles.missing(counts);
            String log = agent.stderr();
            assertEquals(0, OutputFiles.duplicates(counts), "every intact event exactly once");
            for (int seq = unrecorded.nextSetBit(0); seq >= 0; seq = unrecorded.nextSetBit(seq + 1)) {
                assertEquals(0, counts[seq], "event " + seq + " is both delivered and in the backup");
            }
            assertEquals(total, delivered + named[0] + unrecorded.cardinality(),
                    "delivered " + delivered + ", named in damage lines " + named[0] + ", backed up unrecorded " + unrecorded.cardinality() + "\n" + log);
            assertTrue(delivered > 0 && delivered < total, "some events were damaged, the rest delivered: " + delivered);
            List<String> chunkLines = agent.stderrLines().stream().filter(l -> l.contains("damaged buffer chunk=")).toList();
            List<String> fileLines = agent.stderrLines().stream().filter(l -> l.contains("damaged buffer file=")).toList();
            chunkLines.forEach(l -> assertTrue(CHUNK_LINE.matcher(l).find(), l));
            fileLines.forEach(l -> assertTrue(FILE_LINE.matcher(l).find(), l));
            assertEquals(chunkLines.size(), chunkLines.stream().map(DamagedBufferIT::chunkOf).distinct().count(), "one line per damaged chunk");
            assertEquals(expectedFileLines, fileLines.size(), String.join("\n", fileLines));
            System.out.printf("damaged buffer: %d events, %d delivered once, %d named in %d chunk lines, %d backed up unrecorded, %d file lines%n",
                    total, delivered, named[0], chunkLines.size(), unrecorded.cardinality(), fileLines.size());
            chunkLines.stream().limit(2).forEach(System.out::println);
            fileLines.stream().limit(2).forEach(System.out::println);

            // The agent goes on: new events are buffered and written, the buffer's files work as before.
            new ForwardFeeder(port, "app.after", BATCH, 4).firstSeq(total).send(2_000, Duration.ofMinutes(1));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> OutputFiles.missing(OutputFiles.seqCounts(out, total + 2_000)) == total - delivered);
            // Nothing damaged stays behind holding disk: once written out, the buffer gives its space back.
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> diskUseKiB(bufferDir()) < 1024);
            try (Stream<Path> left = Files.list(bufferDir())) {
                List<String> names = left.map(p -> p.getFileName().toString()).toList();
                assertTrue(names.stream().noneMatch(n -> n.contains("unrecorded") || n.equals("journal.rebuild")), names.toString());
            }
            assertEquals(0, agent.stop(Duration.ofSeconds(30)));
        }
    }

    /** Allocated size, as {@code du} counts it: journal files are sparse, so their length says little. */
    private static long diskUseKiB(Path p) throws Exception {
        Process du = new ProcessBuilder("du", "-sk", p.toString()).redirectErrorStream(true).start();
        String out = new String(du.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, du.waitFor(), out);
        return Long.parseLong(out.split("\\s+")[0]);
    }

    private static String chunkOf(String line) {
        Matcher m = CHUNK_LINE.matcher(line);
        return m.find() ? m.group(1) : line;
    }

    private static long namedInChunkLines(List<String> log) {
        long n = 0;
        for (String l : log) {
            Matcher m = CHUNK_LINE.matcher(l);
            if (m.find()) {
                n += Long.parseLong(m.group(4));
            }
        }
        return n;
    }

    /** The events in the backed-up bytes of batches whose journal records were lost (raw data-file bytes). */
    private BitSet backedUpUnrecorded() throws IOException {
        BitSet seqs = new BitSet();
        if (!Files.isDirectory(backupDir())) {
            return seqs;
        }
        try (Stream<Path> files = Files.list(backupDir())) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("data-")).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                // A raw data file carries no count; decoding reads its entries to the end whatever the count says.
                for (Event e : EventStream.of(bytes, 0).decode()) {
                    seqs.set(((Number) e.record().get("seq")).intValue());
                }
            }
        }
        return seqs;
    }

    /** What a test does to the buffer's files: its data files holding batches (one per {@link #fill} run, oldest first) and its journal. */
    private interface Damage {
        void apply(List<Path> dataFiles, Path journal) throws IOException;
    }

    /**
     * The output down, {@code runs} agent lifetimes fill the buffer, {@code damage} is done to its files, and a restart
     * with the output up must account for every event, with {@code expectedFileLines} damaged files logged.
     */
    private void check(int runs, Damage damage, int expectedFileLines) throws Exception {
        configure();
        for (int run = 0; run < runs; run++) {
            fill(run);
        }
        damage.apply(dataFiles(bufferDir()), journal());
        restartAndCheck(runs * PER_RUN, expectedFileLines);
    }

    /** {@code n} random bytes written at {@code at}, seeded by the position. */
    private static void garbage(Path f, long at, int n) throws IOException {
        overwrite(f, at, BufferFileDamage.garbage(n, at));
    }

    @Test
    void aJournalCutShortInTheMiddle() throws Exception {
        // 2 damaged files: the journal file; the bytes its lost records named.
        check(1, (data, journal) -> {
            List<Long> records = journalRecords(journal);
            truncate(journal, records.get(records.size() / 2) + 7);
        }, 2);
    }

    @Test
    void garbageInTheJournal() throws Exception {
        check(1, (data, journal) -> {
            List<Long> records = journalRecords(journal);
            garbage(journal, records.get(records.size() / 3) + 5, 300);
        }, 2);
    }

    @Test
    void aZeroLengthDataFile() throws Exception {
        check(2, (data, journal) -> truncate(data.get(0), 0), 0);
    }

    @Test
    void aDataFileCutShort() throws Exception {
        check(1, (data, journal) -> truncate(data.get(0), Files.size(data.get(0)) / 2), 0);
    }

    @Test
    void aMissingDataFile() throws Exception {
        check(2, (data, journal) -> Files.delete(data.get(1)), 0);
    }

    @Test
    void garbageInADataFile() throws Exception {
        check(1, (data, journal) -> {
            garbage(data.get(0), Files.size(data.get(0)) / 3, 100);
            garbage(data.get(0), 2 * Files.size(data.get(0)) / 3, 100);
        }, 0);
    }

    /** Each kind at once, on separate files: a data file each for garbage, a cut, a deletion, zero length; the journal cut at its end. */
    @Test
    void everyKindAtOnce() throws Exception {
        check(5, (data, journal) -> {
            assertEquals(5, data.size(), data.toString());
            garbage(data.get(0), Files.size(data.get(0)) / 2, 100);
            truncate(data.get(1), Files.size(data.get(1)) / 3);
            Files.delete(data.get(2));
            truncate(data.get(3), 0);
            List<Long> records = journalRecords(journal);
            truncate(journal, records.get(records.size() - 10) + 3); // inside the last run's records
        }, 2);
    }
}
