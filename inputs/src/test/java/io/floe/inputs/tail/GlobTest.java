package io.floe.inputs.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobTest {
    @TempDir
    Path dir;

    private final List<String> problems = new ArrayList<>();

    private List<String> scan(List<String> paths, List<String> excludes, Glob.Policy policy) {
        PathScanner s = new PathScanner(paths, excludes, policy, ZoneOffset.UTC, problems::add);
        return s.scan().paths().keySet().stream().map(p -> dir.relativize(Path.of(p)).toString()).sorted().toList();
    }

    private void touch(String... names) throws IOException {
        for (String n : names) {
            Path p = dir.resolve(n);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "");
        }
    }

    @Test
    void starMatchesWithinOneDirectoryAndNotDotFiles() throws IOException {
        touch("a.log", "b.log", ".hidden.log", "c.txt", "sub/d.log");
        assertEquals(List.of("a.log", "b.log"), scan(List.of(dir + "/*.log"), List.of(), Glob.Policy.BACKWARD_COMPATIBLE));
    }

    @Test
    void dockerLayoutAndExcludes() throws IOException {
        touch("c/aaa/aaa-json.log", "c/aaa/aaa-json.log.1", "c/bbb/bbb-json.log", "c/bbb/bbb-json.log.1.gz");
        assertEquals(List.of("c/aaa/aaa-json.log", "c/bbb/bbb-json.log"),
                scan(List.of(dir + "/c/*/*-json.log"), List.of(), Glob.Policy.BACKWARD_COMPATIBLE));
        assertEquals(List.of("c/aaa/aaa-json.log", "c/aaa/aaa-json.log.1", "c/bbb/bbb-json.log"),
                scan(List.of(dir + "/c/*/*-json.log*"), List.of(dir + "/c/*/*.gz"), Glob.Policy.BACKWARD_COMPATIBLE));
    }

    @Test
    void doubleStarAndCommaSeparatedPatterns() throws IOException {
        touch("x/1.log", "x/y/2.log", "x/y/z/3.log", "w.log");
        assertEquals(List.of("w.log", "x/1.log", "x/y/2.log", "x/y/z/3.log"),
                scan(Glob.splitPaths(dir + "/x/**/*.log, " + dir + "/w.log", ",", Glob.Policy.BACKWARD_COMPATIBLE),
                        List.of(), Glob.Policy.BACKWARD_COMPATIBLE));
    }

    @Test
    void questionMarkClassesAndBracesByPolicy() throws IOException {
        touch("a1.log", "a2.log", "b1.log", "{a,b}.log");
        assertEquals(List.of("a1.log", "a2.log"), scan(List.of(dir + "/a?.log"), List.of(), Glob.Policy.EXTENDED));
        assertEquals(List.of("a1.log", "b1.log"), scan(List.of(dir + "/[ab]1.log"), List.of(), Glob.Policy.EXTENDED));
        assertEquals(List.of("{a,b}.log"), scan(List.of(dir + "/{a,b}.log"), List.of(), Glob.Policy.BACKWARD_COMPATIBLE));
        assertEquals(List.of("a1.log", "b1.log"),
                scan(Glob.splitPaths(dir + "/{a,b}1.log", ",", Glob.Policy.ALWAYS), List.of(), Glob.Policy.ALWAYS));
    }

    @Test
    void wholePathMatching() {
        Glob g = Glob.compile("/var/log/*.gz", Glob.Policy.BACKWARD_COMPATIBLE);
        assertTrue(g.matchesPath("/var/log/a.gz"));
        assertFalse(g.matchesPath("/var/log/sub/a.gz"));
        assertTrue(Glob.compile("/var/**/*.gz", Glob.Policy.BACKWARD_COMPATIBLE).matchesPath("/var/log/sub/a.gz"));
    }

    @Test
    void tagExpansionAsFluentd() {
        assertEquals("kubernetes.var.log.containers.a_b_c-1.log", new TailTag("kubernetes.*").forPath("/var/log/containers/a_b_c-1.log"));
        assertEquals("pre.var.log.x.log.post", new TailTag("pre.*.post").forPath("/var/log//x.log"));
        assertEquals("fixed", new TailTag("fixed").forPath("/var/log/x.log"));
    }
}
