package io.floe.inputs.tail;

import io.floe.inputs.Sources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Tail sources from fluent.conf text, bound as the engine binds them, and small file helpers. */
final class Tails {
    private Tails() {
    }

    static TailConfig config(String... lines) {
        return Sources.bind(TailConfig.class, "tail", lines);
    }

    static List<String> errors(String... lines) {
        return Sources.errors(TailConfig.class, "tail", lines);
    }

    /**
     * The source the end-to-end tests run: the files {@code path} matches, positions in {@code dir}/pos/tail.pos, tag
     * app.*, a 60 s refresh (so files are found by the first scan and by inotify, not by a later scan), rotate_wait 1s;
     * then {@code extra} lines, which override these (the last value of a key wins); then the {@code <parse>} section
     * made of {@code parse} (none when it is null).
     */
    static String[] source(Path dir, String path, String parse, String... extra) {
        List<String> l = new ArrayList<>(List.of("path " + path, "pos_file " + dir + "/pos/tail.pos", "tag app.*",
                "refresh_interval 60s", "rotate_wait 1s"));
        l.addAll(List.of(extra));
        if (parse != null) {
            l.add("<parse>\n " + parse + "\n</parse>");
        }
        return l.toArray(new String[0]);
    }

    /** A started source with a recording engine around it. */
    static final class Running implements AutoCloseable {
        final TailContext ctx = new TailContext();
        final TailInput input;

        Running(String... lines) throws IOException {
            input = new TailInput(config(lines), ctx);
            input.start();
        }

        /** Waits until the source emitted exactly {@code events} events in all. */
        void awaitEvents(int events) {
            await().until(() -> ctx.router.count() == events);
        }

        @Override
        public void close() {
            input.stop();
        }
    }

    /** {@code file} holding "line 0" to "line count-1", and a source started on {@code conf} that has read them all. */
    static Running afterReading(Path file, int count, String... conf) throws IOException {
        Files.writeString(file, lines("line ", 0, count));
        Running t = new Running(conf);
        try {
            t.awaitEvents(count);
        } catch (RuntimeException | Error e) {
            t.close();
            throw e;
        }
        return t;
    }

    /** The same, read by a first run that then stopped: its positions stay in the pos file. */
    static void readAndStop(Path file, int count, String... conf) throws IOException {
        afterReading(file, count, conf).close();
    }

    static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10));
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static void appendBytes(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static String lines(String prefix, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append(prefix).append(i).append('\n');
        }
        return b.toString();
    }

    /** The records' messages of {@code lines("line ", from, to)} as parse none reads them: "line from" and on. */
    static List<Object> messages(int from, int to) {
        List<Object> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add("line " + i);
        }
        return out;
    }

    /**
     * Appends a last line to {@code file} and waits for it: anything the source was going to read before it
     * (a repeat included) has been read by then. Returns the values of {@code field} before it.
     */
    static List<Object> untilSentinel(Running t, Path file, String field) throws IOException {
        String sentinel = "sentinel " + System.nanoTime();
        append(file, sentinel + "\n");
        await().until(() -> t.ctx.router.field(field).contains(sentinel));
        List<Object> got = new ArrayList<>(t.ctx.router.field(field));
        got.remove(sentinel);
        return got;
    }

    static long inode(Path p) throws IOException {
        return (Long) Files.getAttribute(p, "unix:ino");
    }
}
