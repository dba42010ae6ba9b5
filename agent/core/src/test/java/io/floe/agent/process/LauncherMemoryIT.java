package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/floe sizes the JVM from the container's memory limit. Each case builds a fake root (its own
 * /proc/self/cgroup, /proc/meminfo and /sys/fs/cgroup files) that FLOE_CGROUP_ROOT points the launcher at,
 * and reads the flags it chose ({@code --print-jvm-flags}), or the flags the started JVM really runs with.
 */
class LauncherMemoryIT {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void aCgroupV1PodLimitSizesHeapDirectMemoryMetaspaceAndCodeCache() throws Exception {
        List<String> flags = printFlags(root("4:memory:/kubepods/pod1\n3:cpu,cpuacct:/kubepods/pod1\n", Map.of(
                "sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712",
                "sys/fs/cgroup/memory/kubepods/memory.limit_in_bytes", "9223372036854771712",
                "sys/fs/cgroup/memory/kubepods/pod1/memory.limit_in_bytes", Long.toString(200 * MIB))), Map.of());
        assertTrue(flags.containsAll(List.of("-Xmx80m", "-XX:MaxDirectMemorySize=30m", "-Dio.netty.maxDirectMemory=0",
                "-XX:MaxMetaspaceSize=64m", "-XX:ReservedCodeCacheSize=33m")), flags.toString());
    }

    @Test
    void cgroupV2TakesTheSmallestLimitOfTheCgroupAndItsAncestors() throws Exception {
        List<String> flags = printFlags(root("0::/a/b\n", Map.of("sys/fs/cgroup/a/b/memory.max", "max",
                "sys/fs/cgroup/a/memory.max", Long.toString(300 * MIB))), Map.of());
        assertTrue(flags.containsAll(List.of("-Xmx120m", "-XX:MaxDirectMemorySize=45m", "-XX:MaxMetaspaceSize=75m")), flags.toString());
    }

    /** Docker without a cgroup namespace: /proc/self/cgroup names a host path; the mount's root is the container's cgroup. */
    @Test
    void aContainersOwnCgroupMountedAsTheRootIsRead() throws Exception {
        List<String> flags = printFlags(root("9:memory:/docker/0123abcd\n", Map.of("sys/fs/cgroup/memory/memory.limit_in_bytes",
                Long.toString(512 * MIB))), Map.of());
        assertTrue(flags.containsAll(List.of("-Xmx204m", "-XX:MaxDirectMemorySize=76m", "-XX:MaxMetaspaceSize=128m")), flags.toString());
    }

    @Test
    void noLimitKeepsTodaysDefaults() throws Exception {
        Path v1 = root("4:memory:/\n", Map.of("sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712"));
        Path v2 = root("0::/\n", Map.of("sys/fs/cgroup/memory.max", "max"));
        Path aboveTheMachine = root("0::/big\n", Map.of("sys/fs/cgroup/big/memory.max", Long.toString(64 * 1024 * MIB)));
        Path none = Files.createDirectories(dir.resolve("empty"));
        for (Path r : List.of(v1, v2, aboveTheMachine, none)) {
            List<String> flags = printFlags(r, Map.of());
            assertTrue(flags.contains("-Xmx128m"), r + ": " + flags);
            assertFalse(flags.stream().anyMatch(f -> f.startsWith("-XX:MaxDirectMemorySize")), r + ": " + flags);
        }
    }

    @Test
    void floeHeapAndJavaOptsWinOverTheLimit() throws Exception {
        Path root = root("0::/\n", Map.of("sys/fs/cgroup/memory.max", Long.toString(200 * MIB)));
        List<String> withHeap = printFlags(root, Map.of("FLOE_HEAP", "50m"));
        assertTrue(withHeap.contains("-Xmx50m") && !withHeap.contains("-Xmx80m"), withHeap.toString());

        List<String> withOpts = printFlags(root, Map.of("JAVA_OPTS", "-Xmx96m -XX:MaxDirectMemorySize=40m"));
        assertEquals(List.of("-Xmx96m"), withOpts.stream().filter(f -> f.startsWith("-Xmx")).toList());
        // The JVM takes the last of a repeated flag, and JAVA_OPTS come last.
        assertEquals("-XX:MaxDirectMemorySize=40m", withOpts.stream().filter(f -> f.startsWith("-XX:MaxDirectMemorySize")).reduce((a, b) -> b).orElseThrow());
    }

    /** Not only printed: the JVM bin/floe starts runs with them (its own -XX:+PrintFlagsFinal). */
    @Test
    void theStartedJvmRunsWithTheSizes() throws Exception {
        Path root = root("0::/pod\n", Map.of("sys/fs/cgroup/pod/memory.max", Long.toString(200 * MIB)));
        String out = run(root, Map.of("JAVA_OPTS", "-XX:+PrintFlagsFinal"), "--version");
        assertEquals(80 * MIB, finalFlag(out, "MaxHeapSize"));
        assertEquals(30 * MIB, finalFlag(out, "MaxDirectMemorySize"));
        assertEquals(64 * MIB, finalFlag(out, "MaxMetaspaceSize"));
        assertEquals(33 * MIB, finalFlag(out, "ReservedCodeCacheSize"));
    }

    private static long finalFlag(String printFlagsFinal, String name) {
        Matcher m = Pattern.compile("\\s" + name + "\\s+=\\s+(\\d+)").matcher(printFlagsFinal);
        assertTrue(m.find(), name + " not in the JVM's flags");
        return Long.parseLong(m.group(1));
    }

    /** A fake root: /proc/self/cgroup says {@code procSelfCgroup}, and the cgroup {@code files} hold what they map to. */
    private Path root(String procSelfCgroup, Map<String, String> files) throws IOException {
        Path root = Files.createTempDirectory(dir, "root");
        write(root, "proc/self/cgroup", procSelfCgroup);
        write(root, "proc/meminfo", "MemTotal:       16384000 kB\nMemFree:        1000000 kB\n");
        for (Map.Entry<String, String> f : files.entrySet()) {
            write(root, f.getKey(), f.getValue());
        }
        return root;
    }

    private static void write(Path root, String path, String content) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content.endsWith("\n") ? content : content + "\n");
    }

    private List<String> printFlags(Path root, Map<String, String> env) throws Exception {
        return List.of(run(root, env, "--print-jvm-flags").split("\n"));
    }

    private String run(Path root, Map<String, String> env, String arg) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(AgentProcess.home().resolve("bin/floe").toString(), arg).redirectErrorStream(true);
        Map<String, String> e = new HashMap<>(env);
        e.put("FLOE_CGROUP_ROOT", root.toString());
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("FLOE_HEAP");
        pb.environment().putAll(e);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}
