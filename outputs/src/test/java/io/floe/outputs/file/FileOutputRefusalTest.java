package io.floe.outputs.file;

import static io.floe.outputs.TestSupport.bind;
import static io.floe.outputs.TestSupport.ctx;
import static io.floe.outputs.TestSupport.rec;
import static io.floe.outputs.TestSupport.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.Chunk;
import io.floe.api.UnrecoverableException;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.codec.event.Records;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which failures of out_file no retry can cure (an event's value that would put the file outside its
 * directory, a record that cannot be formatted): those are {@link UnrecoverableException}, so the engine
 * moves the chunk aside at once; the file system's own failures stay plain IOExceptions, retried.
 */
class FileOutputRefusalTest {
    static final long T = 1_795_236_213L;

    @TempDir
    Path dir;

    FileOutput out(String... lines) {
        return new FileOutput(bind(FileOutput.Config.class, lines), ctx(), ZoneOffset.UTC);
    }

    static EventStream one() {
        return stream(new EventTime(T, 0), rec("n", 1));
    }

    static Chunk byTag(String tag) {
        return new Chunk("0123456789abcdef0123456789abcdef", tag, null, Map.of(), List.of(new Chunk.Tagged(tag, one())));
    }

    static Chunk byKey(String tag, String key, String value) {
        return new Chunk("0123456789abcdef0123456789abcdef", null, null, Map.of(key, value), List.of(new Chunk.Tagged(tag, one())));
    }

    /** Every file and directory under the test's directory, relative to it. */
    List<String> everything() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void tagsThatLeaveTheDirectoryAreRefusedAndSafeSlashesKeepWorking() throws Exception {
        FileOutput o = out("path " + dir.resolve("out/${tag}/log"));
        for (String tag : new String[] {"../../x", "a/../../../x", "..", "/abs/x", "../".repeat(200) + "x", "a\\b", "a\nb"}) {
            UnrecoverableException e = assertThrows(UnrecoverableException.class, () -> o.write(byTag(tag)), tag);
            assertTrue(e.getMessage().startsWith("refused to build a file path: the value of ${tag}, \""), e.getMessage());
        }
        assertEquals(List.of(), everything(), "nothing is created for a refused chunk");
        assertTrue(o.write(byTag("app/web")).isOk());
        assertTrue(o.write(byTag("a..b")).isOk());
        assertEquals(List.of("out", "out/a..b", "out/a..b/log_0.log", "out/app", "out/app/web", "out/app/web/log_0.log"),
                everything());
    }

    @Test
    void tagPartsAndRecordKeysAreHeldToTheSameRule() throws Exception {
        FileOutput parts = out("path " + dir.resolve("out/${tag[1]}/log"));
        UnrecoverableException e = assertThrows(UnrecoverableException.class, () -> parts.write(byTag("x./etc")));
        assertEquals("refused to build a file path: the value of ${tag[1]}, \"/etc\", is an absolute path", e.getMessage());
        FileOutput keys = out("path " + dir.resolve("out/${host}/log"));
        e = assertThrows(UnrecoverableException.class, () -> keys.write(byKey("t", "host", "../../x")));
        assertEquals("refused to build a file path: the value of ${host}, \"../../x\", has a '..' segment", e.getMessage());
        assertEquals(List.of(), everything());
        assertTrue(keys.write(byKey("t", "host", "web-1")).isOk());
        assertEquals(List.of("out", "out/web-1", "out/web-1/log_0.log"), everything());
    }

    @Test
    void aRefusedSymlinkNameRefusesTheChunkBeforeAnythingIsWritten() throws Exception {
        FileOutput o = out("path " + dir.resolve("out/${host}/log"), "symlink_path " + dir.resolve("links/${tag}"));
        Chunk c = new Chunk("0123456789abcdef0123456789abcdef", "../../etc/x", null, Map.of("host", "web"),
                List.of(new Chunk.Tagged("../../etc/x", one())));
        assertThrows(UnrecoverableException.class, () -> o.write(c));
        assertEquals(List.of(), everything());
    }

    @Test
    void aRecordThatCannotBeFormattedIsUnrecoverableAndLeavesNothing() throws Exception {
        byte[] good = Records.encode(rec("n", 1));
        byte[] bad = {(byte) 0x81, (byte) 0xa1, 'k', (byte) 0xc1}; // 0xc1 is never valid msgpack
        EventStream broken = new EventStreamWriter().add(T, 0, good).add(T, 0, bad).add(T, 0, good).build();
        Chunk c = new Chunk("0123456789abcdef0123456789abcdef", "t", null, Map.of(), List.of(new Chunk.Tagged("t", broken)));
        UnrecoverableException e = assertThrows(UnrecoverableException.class, () -> out("path " + dir.resolve("out")).write(c));
        assertTrue(e.getMessage().startsWith("cannot format the events of tag \"t\": "), e.getMessage());
        assertThrows(UnrecoverableException.class, () -> out("path " + dir.resolve("app"), "append true").write(c));
        assertEquals(List.of("app.log"), everything(), "the appended file is truncated back to nothing");
        assertEquals(0, Files.size(dir.resolve("app.log")));
    }

    @Test
    void theFileSystemsOwnFailuresStayRetryable() throws Exception {
        // /dev/full answers every write with ENOSPC: a full disk may empty, so the chunk is retried.
        FileOutput full = out("path /dev/full", "append true", "add_path_suffix false");
        IOException e = assertThrows(IOException.class, () -> full.write(byTag("t")));
        assertTrue(e.getMessage().contains("No space left on device"), e.toString());
        Files.writeString(dir.resolve("blocked"), "a file where a directory should be");
        assertThrows(IOException.class, () -> out("path " + dir.resolve("blocked/${tag}/log")).write(byTag("t")));
    }

    /** Names events made earlier can stand in the way of later ones; that stays so on every retry. */
    @Test
    void aNameOtherEventsMadeThatBlocksThePathIsUnrecoverable() throws Exception {
        FileOutput o = out("path " + dir.resolve("out/${tag}/log"));
        assertTrue(o.write(byTag("t")).isOk());
        UnrecoverableException e = assertThrows(UnrecoverableException.class, () -> o.write(byTag("t/log_0.log")));
        assertEquals("cannot write \"" + dir.resolve("out/t/log_0.log/log_N.log") + "\": \"" + dir.resolve("out/t/log_0.log")
                + "\" is not a directory, named by other events", e.getMessage());

        FileOutput appending = out("path " + dir.resolve("app/${tag}/log"), "append true");
        assertTrue(appending.write(byTag("a/log.log")).isOk());
        e = assertThrows(UnrecoverableException.class, () -> appending.write(byTag("a")));
        assertTrue(e.getMessage().endsWith("log.log\" is a directory, named by other events"), e.getMessage());

        UnrecoverableException tooLong = assertThrows(UnrecoverableException.class, () -> o.write(byTag("x".repeat(300))));
        assertTrue(tooLong.getMessage().endsWith(" has a name of 300 bytes, more than the 255 a file system takes"),
                tooLong.getMessage());
        UnrecoverableException deep = assertThrows(UnrecoverableException.class, () -> o.write(byTag("abcdefgh/".repeat(500))));
        assertTrue(deep.getMessage().contains("... (") && deep.getMessage().endsWith("a file system takes"), deep.getMessage());
        assertEquals(List.of("app", "app/a", "app/a/log.log", "app/a/log.log/log.log", "out", "out/t", "out/t/log_0.log"),
                everything());
    }
}
