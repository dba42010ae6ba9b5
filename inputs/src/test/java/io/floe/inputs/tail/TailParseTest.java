package io.floe.inputs.tail;

import static io.floe.inputs.tail.Tails.append;
import static io.floe.inputs.tail.Tails.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.codec.event.Event;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/** Lines to records: each parser, container line joining, multiline, and what happens to lines that do not parse. */
class TailParseTest {
    @TempDir
    Path dir;

    /** A source over {@code path} reading from the head with the {@code <parse>} made of {@code parse} (none if null). */
    private String[] conf(String path, String parse, String... extra) {
        return Tails.source(dir, path, parse, Stream.concat(Stream.of("tag app", "read_from_head true",
                "partial_flush_interval 300ms"), Stream.of(extra)).toArray(String[]::new));
    }

    private Path resource(String name, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (InputStream in = getClass().getResourceAsStream("/tail/" + name)) {
            Files.copy(in, to);
        }
        return to;
    }

    @Test
    void dockerJsonFileAsDockerWroteIt() throws Exception {
        resource("docker-special/special-json.log", dir.resolve("c/x-json.log"));
        try (Tails.Running t = new Tails.Running(conf(dir + "/c/*-json.log", "@type docker"))) {
            t.awaitEvents(16);
            List<Object> logs = t.ctx.router.field("log");
            assertEquals("plain ascii line", logs.get(0));
            assertEquals("unicode: h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c\u8a9e \ud83d\ude42", logs.get(1));
            assertEquals("tab\there", logs.get(3));
            assertEquals("invalid utf8: \ufffd\ufffd lone continuation \ufffd truncated \ufffd\ufffd end", logs.get(5));
            assertEquals("crlf line", logs.get(6));
            assertEquals("", logs.get(7));
            assertEquals("x".repeat(40000), logs.get(10), "the three 16 KB pieces joined");
            assertEquals("after long line", logs.get(11));
            assertEquals("to stderr 1", logs.get(12));
            assertEquals("stderr", t.ctx.router.records().get(12).get("stream"));
            assertEquals("exactly-16384:" + "y".repeat(16370), logs.get(13));
            assertEquals("final stdout line without newline", logs.get(14));
            assertEquals("to stderr 2 no newline", logs.get(15));
            Event first = t.ctx.router.events().get(0);
            assertEquals(Instant.parse("2026-11-21T04:41:53.386837389Z"), first.time().toInstant());
            assertEquals(Map.of("log", "plain ascii line", "stream", "stdout"), first.record());
        }
    }

    @Test
    void dockerTtyAndAttrs() throws Exception {
        resource("docker-tty/tty-json.log", dir.resolve("c/t-json.log"));
        resource("docker-attrs/attrs-json.log", dir.resolve("c/a-json.log"));
        try (Tails.Running t = new Tails.Running(conf(dir + "/c/*-json.log", "@type docker"))) {
            t.awaitEvents(5);
            List<Object> logs = t.ctx.router.field("log");
            assertTrue(logs.containsAll(List.of("tty line 1", "tty err", "tty no newline", "with attrs", "err with attrs")), logs.toString());
            Map<String, Object> attrs = t.ctx.router.records().stream().filter(r -> r.containsKey("attrs")).findFirst().orElseThrow();
            assertEquals("web", ((Map<?, ?>) attrs.get("attrs")).get("com.example.app"));
        }
    }

    @Test
    void dockerRotatedFilesWithFollowInodes() throws Exception {
        for (String n : List.of("c-json.log", "c-json.log.1", "c-json.log.2")) {
            resource("docker-rotated/" + n, dir.resolve("c/" + n));
        }
        try (Tails.Running t = new Tails.Running(conf(dir + "/c/c-json.log*", "@type docker", "follow_inodes true"))) {
            t.awaitEvents(28);
            List<Object> logs = t.ctx.router.field("log").stream().sorted().toList();
            List<Object> want = new ArrayList<>();
            for (int i = 173; i <= 200; i++) {
                want.add("line " + i + " to stdout");
            }
            assertEquals(want.stream().sorted().toList(), logs);
        }
    }

    @Test
    void criPiecesJoinedPerStream() throws Exception {
        Path f = dir.resolve("cri.log");
        Files.writeString(f, """
                2026-11-21T03:22:11.817939191Z stdout F hello
                2026-11-21T03:22:12.000000001Z stdout P part one\s
                2026-11-21T03:22:12.000000005Z stderr F error between
                2026-11-21T03:22:12.000000002Z stdout F and part two
                2026-11-21T03:22:14.100000000+01:00 stdout F with offset
                2026-11-21T03:22:15.000000000Z stdout F
                """);
        try (Tails.Running t = new Tails.Running(conf(f.toString(), "@type cri"))) {
            t.awaitEvents(5);
            assertEquals(List.of("hello", "part one and part two", "error between", "with offset", ""), t.ctx.router.field("message"));
            Event joined = t.ctx.router.events().get(1);
            assertEquals("F", joined.record().get("logtag"));
            assertEquals(Instant.parse("2026-11-21T03:22:12.000000001Z"), joined.time().toInstant());
            assertEquals(Instant.parse("2026-11-21T02:22:14.1Z"), t.ctx.router.events().get(3).time().toInstant());
        }
    }

    @Test
    void containerParserTakesDockerOrCriPerLine() throws Exception {
        Path f = dir.resolve("mixed.log");
        Files.writeString(f, "{\"log\":\"from docker\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-21T03:22:11.5Z\"}\n"
                + "2026-11-21T03:22:12Z stderr F from cri\n");
        try (Tails.Running t = new Tails.Running(conf(f.toString(), "@type container"))) {
            t.awaitEvents(2);
            assertEquals("from docker", t.ctx.router.records().get(0).get("log"));
            assertEquals("from cri", t.ctx.router.records().get(1).get("message"));
        }
    }

    @Test
    void aJoinedLineLongerThanMaxLineSizeIsEmittedInPiecesWithAWarning() throws Exception {
        resource("docker-special/special-json.log", dir.resolve("c/x-json.log"));
        try (Tails.Running t = new Tails.Running(conf(dir + "/c/*-json.log", "@type docker", "max_line_size 20000"))) {
            t.awaitEvents(18);
            assertTrue(t.ctx.log.has(Level.WARN, "grew past max_line_size"), t.ctx.log.warnings().toString());
            long xs = t.ctx.router.field("log").stream().map(String.class::cast).filter(l -> l.matches("x+")).mapToLong(String::length).sum();
            assertEquals(40000, xs, "no byte lost");
        }
    }

    @Test
    void multilineRecordsWithFirstLineAndFlushInterval() throws Exception {
        Path f = dir.resolve("java.log");
        Files.writeString(f, """
                2026-11-21 03:22:11 ERROR boom
                java.lang.IllegalStateException: bad
                    at a.B.c(B.java:1)
                2026-11-21 03:22:12 INFO next
                """);
        String parse = """
                 @type multiline
                 format_firstline /^\\d{4}-\\d{2}-\\d{2}/
                 format1 /^(?<time>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) (?<level>\\w+) (?<message>.*)/
                 time_format %Y-%m-%d %H:%M:%S
                 utc true""";
        try (Tails.Running t = new Tails.Running(conf(f.toString(), parse, "multiline_flush_interval 300ms"))) {
            t.awaitEvents(2);
            assertEquals("boom\njava.lang.IllegalStateException: bad\n    at a.B.c(B.java:1)", t.ctx.router.records().get(0).get("message"));
            assertEquals("ERROR", t.ctx.router.records().get(0).get("level"));
            assertEquals(Instant.parse("2026-11-21T03:22:11Z"), t.ctx.router.events().get(0).time().toInstant());
            assertEquals("next", t.ctx.router.records().get(1).get("message"));
        }
    }

    @Test
    void anUnfinishedMultilineRecordIsReadAgainAfterARestartNotLost() throws Exception {
        Path f = dir.resolve("java.log");
        String first = "2026-11-21 03:22:11 ERROR boom\n";
        Files.writeString(f, first + "  more\n");
        String parse = """
                 @type multiline
                 format_firstline /^\\d{4}/
                 format1 /^(?<time>\\S+ \\S+) (?<level>\\w+) (?<message>.*)/""";
        try (Tails.Running t = new Tails.Running(conf(f.toString(), parse))) {
            await().until(() -> Files.exists(dir.resolve("pos/tail.pos")));
            // The record stays open: two timer ticks, so that a whole poll of the file came and went.
            int polls = t.input.fullPolls();
            await().until(() -> t.input.fullPolls() >= polls + 2);
            assertEquals(0, t.ctx.router.count());
        }
        assertTrue(Files.readString(dir.resolve("pos/tail.pos")).contains("\t0000000000000000\t"));
        append(f, "2026-11-21 03:22:12 INFO next\n");
        try (Tails.Running t = new Tails.Running(conf(f.toString(), parse))) {
            t.awaitEvents(1);
            assertEquals("boom\n  more", t.ctx.router.records().get(0).get("message"));
        }
    }

    @Test
    void unmatchedLinesGoOnRawByDefault() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "GET /x 200\nnot a request\n");
        try (Tails.Running t = new Tails.Running(conf(f.toString(), "@type regexp\n expression /^(?<method>\\S+) (?<path>\\S+) (?<code>\\d+)$/",
                "path_key file"))) {
            t.awaitEvents(2);
            assertEquals(Map.of("method", "GET", "path", "/x", "code", "200", "file", f.toString()), t.ctx.router.records().get(0));
            assertEquals(Map.of("unmatched_line", "not a request", "file", f.toString()), t.ctx.router.records().get(1));
            assertEquals(1, t.ctx.metrics.numErrors.sum());
            assertTrue(t.ctx.log.has(Level.WARN, "1 line(s) of " + f + " did not parse and went on as unmatched_line; the last: "
                    + "pattern not matched: not a request"), t.ctx.log.warnings().toString());
        }
    }

    @Test
    void unmatchedLinesGoToErrorWhenNotEmitted() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "{\"ok\":1}\nnot json\n{\"ok\":2}\n");
        try (Tails.Running t = new Tails.Running(conf(f.toString(), "@type json", "emit_unmatched_lines false"))) {
            await().until(() -> t.ctx.router.count() == 2 && t.ctx.errors.emits.size() == 1);
            assertEquals(List.of(1L, 2L), t.ctx.router.field("ok"));
            assertEquals("not json", t.ctx.errors.emits.get(0).events().get(0).record().get("unmatched_line"));
            assertEquals(1, t.ctx.metrics.numErrors.sum());
        }
    }

    @Test
    void jsonAndNoneAndLegacyFormat() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "{\"a\":\"b\",\"n\":[1,2]}\n");
        try (Tails.Running t = new Tails.Running(conf(f.toString(), "@type json"))) {
            t.awaitEvents(1);
            assertEquals(Map.of("a", "b", "n", List.of(1L, 2L)), t.ctx.router.records().get(0));
        }
        String[] legacy = conf(f.toString(), null, "format none", "pos_file " + dir + "/pos/legacy.pos");
        try (Tails.Running t = new Tails.Running(legacy)) {
            t.awaitEvents(1);
            assertEquals(Map.of("message", "{\"a\":\"b\",\"n\":[1,2]}"), t.ctx.router.records().get(0));
        }
    }

    @Test
    void encodingFromLatin1() throws Exception {
        Path f = dir.resolve("a.log");
        Files.write(f, new byte[] {'c', 'a', 'f', (byte) 0xe9, '\n'});
        try (Tails.Running t = new Tails.Running(conf(f.toString(), "@type none", "from_encoding ISO-8859-1", "encoding UTF-8"))) {
            t.awaitEvents(1);
            assertEquals("caf\u00e9", t.ctx.router.records().get(0).get("message"));
        }
    }
}
