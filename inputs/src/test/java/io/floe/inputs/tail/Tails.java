package io.floe.inputs.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.api.config.Binder;
import io.floe.conf.ConfigElement;
import io.floe.conf.Diagnostics;
import io.floe.conf.FluentConfParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Tail sources from fluent.conf text, bound as the engine binds them, and small file helpers. */
final class Tails {
    private Tails() {
    }

    static TailConfig config(String... lines) {
        Binder b = new Binder();
        TailConfig c = b.bind(TailConfig.class, source(lines));
        assertEquals(List.of(), b.errors().stream().map(Throwable::getMessage).toList(), "config errors");
        return c;
    }

    static List<String> errors(String... lines) {
        Binder b = new Binder();
        b.bind(TailConfig.class, source(lines));
        return b.errors().stream().map(Throwable::getMessage).toList();
    }

    private static ConfigElement source(String... lines) {
        String text = "<source>\n  @type tail\n  " + String.join("\n  ", lines) + "\n</source>\n";
        ConfigElement root = FluentConfParser.parse(text, "test.conf", null, new Diagnostics());
        return root.children("source").get(0);
    }

    /** A started source with a recording engine around it. */
    static final class Running implements AutoCloseable {
        final TailContext ctx = new TailContext();
        final TailInput input;

        Running(String... lines) throws IOException {
            input = new TailInput(config(lines), ctx);
            input.start();
        }

        @Override
        public void close() {
            input.stop();
        }
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

    /**
     * Appends a last line to {@code file} and waits for it: anything the source was going to read before it
     * (a repeat included) has been read by then. Returns the values of {@code field} before it.
     */
    static java.util.List<Object> untilSentinel(Running t, Path file, String field) throws IOException {
        String sentinel = "sentinel " + System.nanoTime();
        append(file, sentinel + "\n");
        await().until(() -> t.ctx.router.field(field).contains(sentinel));
        java.util.List<Object> got = new java.util.ArrayList<>(t.ctx.router.field(field));
        got.remove(sentinel);
        return got;
    }

    static long inode(Path p) throws IOException {
        return (Long) Files.getAttribute(p, "unix:ino");
    }
}
