package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.codec.text.RubyText;
import io.floe.testkit.ForwardClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * A forward client chooses the tag and the record; with {@code ${tag}} or a record key in out_file's
 * path, no value it sends puts a file outside the configured directory. Each refused chunk is moved to
 * the backup directory at once with one warning naming the output, the chunk and the value, and the
 * well-formed events sent beside them are written without waiting: {@code retry_wait 60s} makes any retry
 * of a refused chunk hold them back far longer than the test waits.
 */
class PathBoundaryIT {
    @Test
    void noClientValueWritesOutsideThePathAndRefusedChunksHoldNothingBack(Agents agents) throws Exception {
        int port = agents.freePort();
        Path out = agents.path("out");
        String config = FluentConf.forward(port, "@id in_fw") + FluentConf.discard("fluent.**") + """
                <match keyed>
                  @type file
                  @id out_keyed
                  path %s/keyed/${host}/log
                  <buffer host>
                    @type memory
                    flush_mode immediate
                    retry_wait 60s
                  </buffer>
                </match>
                <match **>
                  @type file
                  @id out_tags
                  path %s/tags/${tag}/log
                  <buffer tag>
                    @type memory
                    flush_mode immediate
                    retry_wait 60s
                  </buffer>
                </match>
                """.formatted(out, out);

        // The 200-level chain climbs to / and comes back down to this test's directory, so a regression would
        // leave a file the walk below finds.
        String deep = "../".repeat(200) + agents.dir().toString().substring(1) + "/escaped";
        List<String> badTags = List.of("../../x", "a/../../../x", "..", "/abs/x", deep);
        List<String> badHosts = List.of("../../x");

        AgentProcess agent = agents.running("fluent.conf", config);
        try (ForwardClient client = new ForwardClient("127.0.0.1", port, Duration.ofSeconds(30))) {
            int seq = 0;
            // The refused ones go first: were they retried, the well-formed ones would queue behind them.
            for (String tag : badTags) {
                send(client, tag, seq++, "web-1");
            }
            for (String host : badHosts) {
                send(client, "keyed", seq++, host);
            }
            send(client, "app.web", 100, "web-1");
            send(client, "app/web", 101, "web-1");
            send(client, "a..b", 102, "web-1");
            send(client, "keyed", 103, "web-1");
            send(client, "keyed", 104, "app/web");
        }
        Map<Long, Path> expected = new LinkedHashMap<>();
        expected.put(100L, out.resolve("tags/app.web"));
        expected.put(101L, out.resolve("tags/app/web"));
        expected.put(102L, out.resolve("tags/a..b"));
        expected.put(103L, out.resolve("keyed/web-1"));
        expected.put(104L, out.resolve("keyed/app/web"));

        // Acked means buffered: from here every well-formed event is in its file within 2 s.
        awaitWritten(expected);

        // Names no retry can make: one longer than a file system takes, and one that needs a directory where
        // seq 100's file lies. The events sent after them are not held back either.
        List<String> unwritable = List.of("x".repeat(300), "app.web/log_0.log");
        try (ForwardClient client = new ForwardClient("127.0.0.1", port, Duration.ofSeconds(30))) {
            for (String tag : unwritable) {
                send(client, tag, 200 + unwritable.indexOf(tag), "web-1");
            }
            send(client, "app.web", 105, "web-1");
            send(client, "keyed", 106, "web-1");
        }
        expected.put(105L, out.resolve("tags/app.web"));
        expected.put(106L, out.resolve("keyed/web-1"));
        awaitWritten(expected);

        int refused = badTags.size() + badHosts.size() + unwritable.size();
        agent.awaitLogCount("got unrecoverable error", refused, Duration.ofSeconds(30));
        agent.awaitLogCount("bad chunk is moved to", refused, Duration.ofSeconds(30));
        String log = agent.stderr();
        Map<String, String> why = new LinkedHashMap<>();
        for (String tag : badTags) {
            // The error quotes the value escaped; the log escapes the error message once more.
            StringBuilder quoted = new StringBuilder("the value of ${tag}, ");
            RubyText.inspect(tag, quoted);
            StringBuilder logged = new StringBuilder();
            RubyText.escape(quoted.append(", "), logged);
            why.put(tag, logged.toString());
        }
        why.put(unwritable.get(0), "has a name of 300 bytes, more than the 255 a file system takes");
        why.put(unwritable.get(1), "log_0.log\\\" is not a directory, named by other events");
        why.forEach((tag, fragment) -> assertEquals(1, warnings(agent,
                "[out_tags] got unrecoverable error in primary output chunk=\"", fragment), "one warning for " + tag + "\n" + log));
        assertEquals(1, warnings(agent, "[out_keyed] got unrecoverable error in primary output chunk=\"",
                "the value of ${host}, \\\"../../x\\\", has a '..' segment"), log);
        assertTrue(agent.stderrLines().stream().noneMatch(l -> l.contains("failed to flush the buffer")),
                "a refused chunk is never retried\n" + log);

        // Each refused chunk is in the backup directory, as the PackedForward message it arrived as.
        Path backup = agents.path("data/backup/worker0");
        TreeSet<String> backedUp = new TreeSet<>(badTags);
        backedUp.addAll(unwritable);
        assertEquals(backedUp, backedUpTags(backup.resolve("out_tags")), log);
        assertEquals(List.of("keyed"), new ArrayList<>(backedUpTags(backup.resolve("out_keyed"))), log);
        assertEquals(badHosts.size(), fileCount(backup.resolve("out_keyed")));
        assertEquals(0, agent.stop(Duration.ofSeconds(30)));

        // The whole temporary tree: the agent's own files, the backups, the buffers, and under out/ only the
        // directories and files of the well-formed events.
        List<String> unexpected = new ArrayList<>();
        try (Stream<Path> all = Files.walk(agents.dir())) {
            for (Path p : all.toList()) {
                String rel = agents.dir().relativize(p).toString().replace('\\', '/');
                if (!allowed(rel, Files.isDirectory(p))) {
                    unexpected.add(rel);
                }
            }
        }
        assertEquals(List.of(), unexpected, "files outside the allowed set");
    }

    private static boolean allowed(String rel, boolean directory) {
        if (rel.isEmpty() || rel.equals("fluent.conf") || rel.matches("std(out|err)\\d*\\.txt")
                || rel.equals("data") || rel.startsWith("data/")) {
            return true;
        }
        if (directory) {
            return List.of("out", "out/tags", "out/tags/app.web", "out/tags/app", "out/tags/app/web", "out/tags/a..b",
                    "out/keyed", "out/keyed/web-1", "out/keyed/app", "out/keyed/app/web").contains(rel);
        }
        return rel.matches("out/(tags/app\\.web|tags/app/web|tags/a\\.\\.b|keyed/web-1|keyed/app/web)/log_\\d+\\.log");
    }

    private static void awaitWritten(Map<Long, Path> expected) {
        Awaitility.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> expected.entrySet().stream().allMatch(e -> text(e.getValue()).contains("\"seq\":" + e.getKey() + ",")));
    }

    /** One event {@code {"seq": n, "host": h}} as a PackedForward message, sent and acknowledged. */
    private static void send(ForwardClient client, String tag, long seq, String host) throws IOException {
        byte[] entries;
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(2);
            p.packLong(System.currentTimeMillis() / 1000);
            p.packMapHeader(2);
            p.packString("seq").packLong(seq);
            p.packString("host").packString(host);
            entries = p.toByteArray();
        }
        String chunk = "c" + seq;
        client.send(ForwardClient.Mode.PACKED, tag, entries, 1, chunk);
        client.flush();
        assertEquals(chunk, client.readAck());
    }

    private static long warnings(AgentProcess agent, String start, String value) {
        return agent.stderrLines().stream().filter(l -> l.contains(start) && l.contains(value)).count();
    }

    /** The tag of every backed-up chunk in {@code dir}: each file holds {@code [tag, entries, {"size": n}]}. */
    private static TreeSet<String> backedUpTags(Path dir) throws IOException {
        TreeSet<String> tags = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertTrue(f.getFileName().toString().matches("[0-9a-f]{32}\\.log"), f.toString());
                try (MessageUnpacker u = MessagePack.newDefaultUnpacker(Files.readAllBytes(f))) {
                    assertEquals(3, u.unpackArrayHeader());
                    tags.add(u.unpackString());
                }
            }
        }
        return tags;
    }

    private static long fileCount(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    /** Everything written under {@code dir}, empty while it does not exist. */
    private static String text(Path dir) {
        try {
            return OutputFiles.text(dir);
        } catch (IOException | UncheckedIOException e) {
            return "";   // a file being created between the listing and the read: look again
        }
    }
}
