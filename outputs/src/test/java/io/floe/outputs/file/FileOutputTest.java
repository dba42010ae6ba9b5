package io.floe.outputs.file;

import static io.floe.outputs.TestSupport.bind;
import static io.floe.outputs.TestSupport.chunk;
import static io.floe.outputs.TestSupport.ctx;
import static io.floe.outputs.TestSupport.epoch;
import static io.floe.outputs.TestSupport.injecting;
import static io.floe.outputs.TestSupport.rec;
import static io.floe.outputs.TestSupport.stream;
import static io.floe.outputs.TestSupport.timeChunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.Chunk;
import io.floe.api.Output;
import io.floe.api.UnrecoverableException;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.codec.event.Records;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutputTest {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final long T = epoch("2026-11-21T04:43:33Z");
    static final long DAY = epoch("2026-11-21T00:00:00Z");
    static final String LINE0 = "2026-11-21T04:43:33+00:00\tdocker.app\t{\"log\":\"container line 0\",\"container_name\":\"/web\",\"source\":\"stdout\"}\n";

    @TempDir
    Path dir;

    FileOutput out(ZoneId local, String... lines) {
        String[] all = Stream.concat(Stream.of("path " + dir.resolve("out")), Stream.of(lines)).toArray(String[]::new);
        return new FileOutput(bind(FileOutput.Config.class, all), ctx(), local);
    }

    static EventStream docker(int... lineNumbers) {
        EventStreamWriter w = new EventStreamWriter();
        for (int n : lineNumbers) {
            w.add(new EventTime(T, 5), rec("log", "container line " + n, "container_name", "/web", "source", "stdout"));
        }
        return w.build();
    }

    static Chunk day(EventStream events) {
        return timeChunk(DAY, 86400, ZoneOffset.UTC, new Chunk.Tagged("docker.app", events));
    }

    String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    }

    List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesOutFileLinesToPathDotDayIndexSuffix() throws Exception {
        FileOutput o = out(ZoneOffset.UTC);
        assertTrue(o.bufferedByDefault());
        assertEquals(Map.of("chunk_keys", "time", "timekey", "1d"), o.bufferDefaults());
        assertTrue(o.write(day(docker(0))).isOk());
        assertEquals(List.of("out.20261121_0.log"), files());
        assertEquals(LINE0, read("out.20261121_0.log"));
    }

    @Test
    void injectedFieldsAreInTheFileBeforeFormatting() throws Exception {
        Output o = injecting(out(TOKYO, "<format>", "@type json", "</format>"), TOKYO,
                "time_key time", "time_type string", "tag_key tag", "hostname_key host");
        assertTrue(o.bufferedByDefault());
        assertTrue(o.write(day(docker(0))).isOk());
        assertEquals("{\"log\":\"container line 0\",\"container_name\":\"/web\",\"source\":\"stdout\",\"host\":\"node-1\","
                + "\"tag\":\"docker.app\",\"time\":\"2026-11-21T13:43:33+09:00\"}\n", read("out.20261121_0.log"));
    }

    @Test
    void secondChunkOfTheSameDayGetsTheNextIndex() throws Exception {
        FileOutput o = out(ZoneOffset.UTC);
        o.write(day(docker(0)));
        o.write(day(docker(1, 2)));
        assertEquals(List.of("out.20261121_0.log", "out.20261121_1.log"), files());
        assertEquals(LINE0, read("out.20261121_0.log"));
        assertEquals(2, read("out.20261121_1.log").lines().count());
        Files.delete(dir.resolve("out.20261121_0.log"));
        o.write(day(docker(3)));
        assertTrue(read("out.20261121_0.log").contains("container line 3"), "the smallest free index is reused");
    }

    @Test
    void slicesShorterThanADayNameTheFileWithMoreTimeFields() throws Exception {
        FileOutput o = out(ZoneOffset.UTC);
        long minute = epoch("2026-11-21T04:43:00Z");
        o.write(timeChunk(minute, 60, ZoneOffset.UTC, new Chunk.Tagged("docker.app", docker(0))));
        o.write(timeChunk(epoch("2026-11-21T04:00:00Z"), 3600, ZoneOffset.UTC, new Chunk.Tagged("a", docker(0))));
        o.write(timeChunk(epoch("2026-11-21T04:43:30Z"), 30, ZoneOffset.UTC, new Chunk.Tagged("a", docker(0))));
        assertEquals(List.of("out.20261121044330_0.log", "out.202611210443_0.log", "out.2026112104_0.log"), files());
        assertEquals(LINE0, read("out.202611210443_0.log"));
    }

    @Test
    void fileNameUsesTheSliceZoneAndLinesTheLocalZone() throws Exception {
        FileOutput o = out(TOKYO);
        long tokyoDay = epoch("2026-11-20T15:00:00Z"); // 2026-11-21 00:00 +09:00
        o.write(timeChunk(tokyoDay, 86400, TOKYO, new Chunk.Tagged("docker.app", docker(0))));
        assertEquals(List.of("out.20261121_0.log"), files());
        assertTrue(read("out.20261121_0.log").startsWith("2026-11-21T13:43:33+09:00\tdocker.app\t"));
    }

    @Test
    void appendModeHasNoIndexAndAppends() throws Exception {
        FileOutput o = out(ZoneOffset.UTC, "append true");
        o.write(day(docker(0)));
        o.write(day(docker(1)));
        assertEquals(List.of("out.20261121.log"), files());
        assertEquals(LINE0 + LINE0.replace("line 0", "line 1"), read("out.20261121.log"));
    }

    @Test
    void starInPathIsReplacedByTheTimeAndIndexWithoutSuffix() throws Exception {
        FileOutput o = new FileOutput(bind(FileOutput.Config.class, "path " + dir.resolve("app.*.txt")), ctx(), ZoneOffset.UTC);
        o.write(day(docker(0)));
        o.write(day(docker(1)));
        assertEquals(List.of("app.20261121_0.txt", "app.20261121_1.txt"), files());
        FileOutput noTime = new FileOutput(bind(FileOutput.Config.class, "path " + dir.resolve("x.*")), ctx(), ZoneOffset.UTC);
        IOException e = assertThrows(IOException.class, () -> noTime.write(Chunk.of("a", docker(0))));
        assertTrue(e.getMessage().contains("chunk key 'time'"));
    }

    @Test
    void tagAndTimePlaceholdersInThePath() throws Exception {
        FileOutput o = new FileOutput(bind(FileOutput.Config.class,
                "path " + dir.resolve("${tag[0]}/%Y/%m/${tag}.%d"), "add_path_suffix false"), ctx(), ZoneOffset.UTC);
        o.write(chunk("docker.app", DAY, 86400, ZoneOffset.UTC, docker(0)));
        Path f = dir.resolve("docker/2026/11/docker.app.21_0");
        assertEquals(LINE0, Files.readString(f));
        FileOutput last = new FileOutput(bind(FileOutput.Config.class,
                "path " + dir.resolve("${tag[-1]}")), ctx(), ZoneOffset.UTC);
        last.write(chunk("docker.app", DAY, 86400, ZoneOffset.UTC, docker(0)));
        assertTrue(Files.exists(dir.resolve("app.20261121_0.log")));
    }

    @Test
    void chunkWithoutTimeKeyIsNamedPathIndexSuffix() throws Exception {
        FileOutput o = out(ZoneOffset.UTC);
        o.write(Chunk.of("docker.app", docker(0)));
        o.write(Chunk.of("docker.app", docker(0)));
        assertEquals(List.of("out_0.log", "out_1.log"), files());
    }

    @Test
    void gzipWritesOneMemberPerChunkReadableAsOneStream() throws Exception {
        FileOutput o = out(ZoneOffset.UTC, "compress gzip", "append true");
        o.write(day(docker(0)));
        o.write(day(docker(1)));
        assertEquals(List.of("out.20261121.log.gz"), files());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("out.20261121.log.gz")))) {
            assertEquals(LINE0 + LINE0.replace("line 0", "line 1"), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        FileOutput gz = out(ZoneOffset.UTC, "compress gz", "path_suffix .txt");
        gz.write(day(docker(0)));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("out.20261121_0.txt.gz")))) {
            assertEquals(LINE0, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void otherFormattersAndLegacyTopLevelFormat() throws Exception {
        out(ZoneOffset.UTC, "<format>", "@type json", "</format>").write(day(docker(0)));
        assertEquals("{\"log\":\"container line 0\",\"container_name\":\"/web\",\"source\":\"stdout\"}\n", read("out.20261121_0.log"));
        out(ZoneOffset.UTC, "<format>", "@type ltsv", "</format>").write(day(docker(0)));
        assertEquals("log:container line 0\tcontainer_name:/web\tsource:stdout\n", read("out.20261121_1.log"));
        out(ZoneOffset.UTC, "<format>", "@type single_value", "message_key log", "</format>").write(day(docker(0)));
        assertEquals("container line 0\n", read("out.20261121_2.log"));
        out(ZoneOffset.UTC, "<format>", "@type csv", "fields source,log", "</format>").write(day(docker(0)));
        assertEquals("\"stdout\",\"container line 0\"\n", read("out.20261121_3.log"));
        out(ZoneOffset.UTC, "format single_value", "<format>", "message_key log", "</format>").write(day(docker(0)));
        assertEquals("container line 0\n", read("out.20261121_4.log"));
        out(TOKYO, "utc", "time_format %H:%M").write(day(docker(0)));
        assertTrue(read("out.20261121_5.log").startsWith("04:43\tdocker.app\t"));
    }

    @Test
    void multipleTagsInOneChunkKeepTheirOwnTag() throws Exception {
        FileOutput o = out(ZoneOffset.UTC, "<format>", "output_time false", "</format>");
        o.write(timeChunk(DAY, 86400, ZoneOffset.UTC, new Chunk.Tagged("a.b", stream(new EventTime(T, 0), rec("n", 1))),
                new Chunk.Tagged("c", stream(new EventTime(T, 0), rec("n", 2), rec("n", 3)))));
        assertEquals("a.b\t{\"n\":1}\nc\t{\"n\":2}\nc\t{\"n\":3}\n", read("out.20261121_0.log"));
    }

    @Test
    void failedWriteLeavesNothingBehind() throws Exception {
        byte[] good = Records.encode(rec("n", 1));
        byte[] bad = {(byte) 0x81, (byte) 0xa1, 'k', (byte) 0xc1}; // 0xc1 is never valid msgpack
        EventStream broken = new EventStreamWriter().add(T, 0, good).add(T, 0, bad).add(T, 0, good).build();

        FileOutput fresh = out(ZoneOffset.UTC);
        assertThrows(UnrecoverableException.class, () -> fresh.write(day(broken)));
        assertEquals(List.of(), files());

        FileOutput appending = out(ZoneOffset.UTC, "append true", "compress gzip");
        appending.write(day(docker(0)));
        long size = Files.size(dir.resolve("out.20261121.log.gz"));
        assertThrows(UnrecoverableException.class, () -> appending.write(day(broken)));
        assertEquals(size, Files.size(dir.resolve("out.20261121.log.gz")));
    }

    @Test
    void symlinkFollowsTheLastWrittenFile() throws Exception {
        FileOutput o = out(ZoneOffset.UTC, "symlink_path " + dir.resolve("current.log"));
        o.write(day(docker(0)));
        o.write(day(docker(1)));
        Path link = dir.resolve("current.log");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(dir.resolve("out.20261121_1.log"), Files.readSymbolicLink(link));
        FileOutput rel = out(ZoneOffset.UTC, "symlink_path " + dir.resolve("rel.log"), "symlink_path_use_relative true");
        rel.write(day(docker(2)));
        assertEquals(Path.of("out.20261121_2.log"), Files.readSymbolicLink(dir.resolve("rel.log")));
        assertFalse(Files.exists(dir.resolve("rel.log.tmp-link")));
    }

    @Test
    void configErrors() {
        List<String> e = io.floe.outputs.TestSupport.bindErrors(FileOutput.Config.class, "compress zstd2");
        assertTrue(e.stream().anyMatch(m -> m.contains("'path' parameter is required")), e.toString());
        assertTrue(e.stream().anyMatch(m -> m.contains("'zstd2' is not one of text, gz, gzip")), e.toString());
    }
}
