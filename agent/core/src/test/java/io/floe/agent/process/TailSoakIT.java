package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.testkit.MachineSpeed;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tail input's promise on the real agent: a writer that behaves like a container runtime (containerd with the
 * kubelet, {@link KubeletCri}; Docker's json-file, {@link DockerJsonFile}) writes numbered lines across many
 * containers (long lines split, files rotated) while bin/floe tails them into a file output with a file buffer. The agent is stopped and started cleanly twice and killed with kill -9
 * once. Every line must come out (loss 0), long lines whole, no duplicate from the clean restarts;
 * duplicates from the crash window are counted and reported.
 *
 * <p>{@code -Dtail.lines=N} sets the number of lines (default 1,000,000), {@code -Dtail.seconds=S} how long
 * the writer spreads them over (default {@link #writeSeconds()}), {@code -Dtail.dir=DIR} keeps the files of the run
 * there.
 */
class TailSoakIT {
    static final int CONTAINERS = 20;
    static final int LONG_EVERY = 997;
    static final int LONG_LENGTH = 40_000;

    @TempDir
    Path dir;

    /** Writes container log lines the way one runtime does. */
    interface RuntimeWriter extends AutoCloseable {
        void write(int container, String line) throws IOException;

        /** Rotations done so far, for the report. */
        int rotations();

        @Override
        void close() throws IOException;
    }

    /** Makes the runtime's writer of container logs under {@code root}. */
    interface WriterFactory {
        RuntimeWriter open(Path root) throws IOException;
    }

    /**
     * A container runtime as the soak test sees it: its {@code name} for the report, the files its writer writes
     * under the logs' root as in_tail's {@code path} names them, the parser of its line format and the record
     * field that parser puts the line in.
     */
    record Runtime(String name, String paths, String parser, String field, WriterFactory writer) {
    }

    /** A runtime's writer appending to one file per container, which its rotation renames and reopens. */
    abstract static class AppendingWriter implements RuntimeWriter {
        /** The rotation of every runtime here: at 1 MiB (max-size, containerLogMaxSize), 5 files kept (max-file, containerLogMaxFiles). */
        static final int MAX_SIZE = 1 << 20;
        static final int MAX_FILES = 5;
        /** Docker and containerd alike split a line of 16 KiB and more into pieces of that size. */
        static final int PIECE = 16 * 1024;
        final FileChannel[] open = new FileChannel[CONTAINERS];
        int rotations;

        static FileChannel openAppend(Path f) throws IOException {
            return FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }

        /** Appends {@code text} to container {@code c}'s open file, all of it. */
        void append(int c, String text) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                open[c].write(buf);
            }
        }

        @Override
        public int rotations() {
            return rotations;
        }

        @Override
        public void close() throws IOException {
            for (FileChannel ch : open) {
                ch.close();
            }
        }
    }

    /**
     * How long the writer spreads the lines over when {@code -Dtail.seconds} does not say. Rotation makes reading
     * a race: the kubelet gzips a rotated file at the next rotation, Docker deletes it after max-file rotations,
     * so a reader that many rotations behind loses lines (Fluentd too). The time between rotations is therefore
     * a deadline for the agent, restarts and kill -9 included: at 20,000 lines a second (50 s) it is 10 s for
     * CRI and 40 s for Docker. A loaded machine gives the agent less CPU, so the same lines and rotations are
     * spread over the machine's allowance for 50 s ({@link MachineSpeed}).
     */
    private static long writeSeconds() {
        return MachineSpeed.allow(Duration.ofSeconds(50)).toSeconds();
    }

    static String line(int seq) {
        StringBuilder b = new StringBuilder(64);
        b.append("seq=").append(String.format("%08d", seq)).append(" c=").append(seq % CONTAINERS).append(' ');
        int pad = seq % LONG_EVERY == 0 ? LONG_LENGTH - b.length() : 20 + (seq * 31) % 180;
        for (int i = 0; i < pad; i++) {
            b.append((char) ('a' + (seq + i) % 26));
        }
        return b.toString();
    }

    @Test
    void criKubeletRotationRestartsAndKill() throws Exception {
        run(new Runtime("CRI + kubelet", "containers/*.log", "container", "message", KubeletCri::new));
    }

    @Test
    void dockerJsonFileRotationRestartsAndKill() throws Exception {
        run(new Runtime("docker json-file", "*/*-json.log", "docker", "log", DockerJsonFile::new));
    }

    private void run(Runtime runtime) throws Exception {
        if (System.getProperty("tail.dir") != null) {
            // Kept after the run, to look into a failure.
            dir = Files.createDirectories(Path.of(System.getProperty("tail.dir")));
        }
        int total = Integer.getInteger("tail.lines", 1_000_000);
        long seconds = Long.getLong("tail.seconds", writeSeconds());
        Path root = dir.resolve("logs");
        Path conf = dir.resolve("tail.conf");
        Files.writeString(conf, FluentConf.tail(root + "/" + runtime.paths(), dir.resolve("pos/tail.pos"), "kube.*", runtime.parser(), "@id in_tail", "read_from_head true")
                + FluentConf.jsonFile("kube.**", "out_file", dir.resolve("out/tail"), "@type file", "flush_mode interval", "flush_interval 300ms",
                "chunk_limit_size 4m"));
        Output out = new Output(dir.resolve("out"), total, runtime.field());
        long started = System.nanoTime();
        AtomicReference<AgentProcess> agent = new AtomicReference<>(AgentProcess.start(dir, "-c", conf.toString()));
        agent.get().awaitLog("floe worker is now running", MachineSpeed.allow(Duration.ofSeconds(20)));
        AtomicInteger written = new AtomicInteger();
        AtomicInteger rotations = new AtomicInteger();
        long nanosPerLine = seconds * 1_000_000_000L / total;
        Thread writer = new Thread(() -> {
            try (RuntimeWriter w = runtime.writer().open(root)) {
                for (int seq = 0; seq < total; seq++) {
                    w.write(seq % CONTAINERS, line(seq));
                    written.set(seq + 1);
                    if (seq % 1000 == 999) {
                        pace(started, (seq + 1) * nanosPerLine);
                    }
                }
                rotations.set(w.rotations());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "runtime-writer");
        StringBuilder events = new StringBuilder();
        long cleanDuplicates;
        writer.start();
        try {
            for (int at : new int[] {total / 5, total * 9 / 20}) {
                awaitWritten(written, at, seconds);
                assertEquals(0, agent.get().stop(MachineSpeed.allow(Duration.ofSeconds(20))), "clean exit");
                agent.set(AgentProcess.start(dir, "-c", conf.toString()));
                events.append("clean restart at line ").append(written.get()).append("; ");
                agent.get().awaitLog("floe worker is now running", MachineSpeed.allow(Duration.ofSeconds(20)));
            }
            awaitWritten(written, total * 7 / 10, seconds);
            // No crash yet: any duplicate in the output now came from the clean restarts.
            cleanDuplicates = out.scan().duplicates();
            agent.get().kill9();
            events.append("kill -9 at line ").append(written.get()).append("; ");
            agent.set(AgentProcess.start(dir, "-c", conf.toString()));
            agent.get().awaitLog("floe worker is now running", MachineSpeed.allow(Duration.ofSeconds(20)));
            writer.join();
            long writeSeconds = (System.nanoTime() - started) / 1_000_000_000L;
            events.append(rotations.get()).append(" rotations");
            AgentProcess a = agent.get();
            try {
                Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(300))
                        .failFast("agent died: " + a.stderr(), () -> !a.isAlive())
                        .until(() -> out.scan().missingBelow(total) == 0);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(out.missingBelow(total) + " lines missing, e.g. " + out.someMissing(total, 20)
                        + "\nagent warnings:\n" + String.join("\n", a.stderrLines().stream()
                        .filter(l -> l.contains("[warn]") || l.contains("[error]") || l.contains("rotat")).limit(200).toList()), e);
            }
            assertEquals(0, a.stop(MachineSpeed.allow(Duration.ofSeconds(20))), "clean exit");
            long duplicates = out.scan().duplicates();
            System.out.printf("tail soak (%s): %d lines over %d containers written in %d s, %s; loss %d, long lines whole %d/%d, "
                            + "fragments %d, duplicates from clean restarts %d, from the kill -9 window %d (%.4f%%), total %d s%n",
                    runtime.name(), total, CONTAINERS, writeSeconds, events, out.missingBelow(total), out.longWhole, out.longSeen, out.fragments,
                    cleanDuplicates, duplicates - cleanDuplicates, 100.0 * (duplicates - cleanDuplicates) / total,
                    (System.nanoTime() - started) / 1_000_000_000L);
            assertEquals(0, out.missingBelow(total), "every line is in the output");
            assertEquals(0, cleanDuplicates, "no duplicates from clean restarts");
            assertEquals(0, out.fragments, "no piece of a split line on its own");
            assertEquals(out.longSeen, out.longWhole, "every long line whole");
        } finally {
            writer.interrupt();
            agent.get().close();
        }
    }

    private static void awaitWritten(AtomicInteger written, int n, long seconds) {
        // The writer is paced to `seconds`; twice that plus a minute is room for a starved writer thread.
        Awaitility.await().atMost(Duration.ofSeconds(2 * seconds + 60)).pollInterval(Duration.ofMillis(20)).until(() -> written.get() >= n);
    }

    private static void pace(long started, long dueNanos) throws InterruptedException {
        long ahead = dueNanos - (System.nanoTime() - started);
        if (ahead > 0) {
            Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
        }
    }

    /** What the file output wrote so far, read incrementally: how often each line came, long lines checked. */
    static final class Output {
        private final byte[] key;
        private final int valueOffset;
        private final Path dir;
        private final int[] counts;
        private final Map<Path, Long> read = new HashMap<>();
        int longSeen;
        int longWhole;
        long fragments;

        Output(Path dir, int total, String field) {
            this.dir = dir;
            this.counts = new int[total];
            this.key = ("\"" + field + "\":\"seq=").getBytes(StandardCharsets.US_ASCII);
            this.valueOffset = key.length - 4;
        }

        synchronized Output scan() throws IOException {
            if (!Files.isDirectory(dir)) {
                return this;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    long from = read.getOrDefault(f, 0L);
                    if (Files.size(f) > from) {
                        read.put(f, from + readLines(f, from));
                    }
                }
            }
            return this;
        }

        /** Reads complete lines from {@code from}; returns the bytes consumed. */
        private long readLines(Path f, long from) throws IOException {
            byte[] data;
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
                data = new byte[(int) (raf.length() - from)];
                raf.seek(from);
                raf.readFully(data);
            }
            int start = 0;
            for (int i = 0; i < data.length; i++) {
                if (data[i] == '\n') {
                    line(data, start, i);
                    start = i + 1;
                }
            }
            return start;
        }

        private void line(byte[] b, int from, int to) {
            int k = indexOf(b, key, from, to);
            if (k < 0) {
                fragments++;
                return;
            }
            int s = k + key.length;
            int seq = Integer.parseInt(new String(b, s, 8, StandardCharsets.US_ASCII));
            if (seq >= counts.length) {
                return;
            }
            counts[seq]++;
            if (seq % LONG_EVERY == 0 && counts[seq] == 1) {
                longSeen++;
                int end = s;
                while (end < to && b[end] != '"') {
                    end++;
                }
                if (end - (k + valueOffset) == LONG_LENGTH) {
                    longWhole++;
                }
            }
        }

        private static int indexOf(byte[] b, byte[] key, int from, int to) {
            outer:
            for (int i = from; i + key.length <= to; i++) {
                for (int j = 0; j < key.length; j++) {
                    if (b[i + j] != key[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        synchronized int count(int seq) {
            return counts[seq];
        }

        synchronized long missingBelow(int n) {
            long m = 0;
            for (int i = 0; i < n; i++) {
                if (counts[i] == 0) {
                    m++;
                }
            }
            return m;
        }

        synchronized java.util.List<Integer> someMissing(int n, int max) {
            java.util.List<Integer> out = new java.util.ArrayList<>();
            for (int i = 0; i < n && out.size() < max; i++) {
                if (counts[i] == 0) {
                    out.add(i);
                }
            }
            return out;
        }

        synchronized long duplicates() {
            long d = 0;
            for (int c : counts) {
                d += Math.max(0, c - 1);
            }
            return d;
        }
    }
}
