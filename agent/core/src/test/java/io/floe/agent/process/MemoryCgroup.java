package io.floe.agent.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A cgroup v1 memory cgroup the test creates (as root) with a limit, for a process started inside it from its
 * first instruction: bin/floe then sees the limit as it would in a container, and the kernel OOM-kills the
 * process when its charged memory (anonymous pages and page cache) cannot be brought back under it.
 */
final class MemoryCgroup implements AutoCloseable {
    static final Path CONTROLLER = Path.of("/sys/fs/cgroup/memory");
    private final Path dir;

    private MemoryCgroup(Path dir) {
        this.dir = dir;
    }

    static MemoryCgroup create(String name, long limitBytes) throws IOException {
        if (!Files.isWritable(CONTROLLER.resolve("cgroup.procs"))) {
            throw new IllegalStateException("the memory test needs root and the cgroup v1 memory controller at " + CONTROLLER);
        }
        Path dir = CONTROLLER.resolve(name);
        Files.createDirectory(dir);
        Files.writeString(dir.resolve("memory.limit_in_bytes"), Long.toString(limitBytes));
        return new MemoryCgroup(dir);
    }

    /** For {@link AgentProcess#start}: a shell that moves itself into this cgroup, then execs the command. */
    List<String> wrapper() {
        return List.of("bash", "-c", "echo $$ > '" + dir.resolve("cgroup.procs") + "' && exec \"$0\" \"$@\"");
    }

    /** The kernel's count of OOM kills in this cgroup (memory.oom_control's {@code oom_kill}). */
    long oomKills() throws IOException {
        for (String line : Files.readAllLines(dir.resolve("memory.oom_control"))) {
            if (line.startsWith("oom_kill ")) {
                return Long.parseLong(line.substring("oom_kill ".length()).trim());
            }
        }
        throw new IllegalStateException("no oom_kill counter in " + dir.resolve("memory.oom_control") + " (kernel older than 4.13)");
    }

    /** Peak charged memory: anonymous pages plus page cache (reclaimable file pages fill up to the limit). */
    long maxUsageBytes() throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("memory.max_usage_in_bytes")).trim());
    }

    /** Removes the cgroup; its processes must have exited. */
    @Override
    public void close() throws IOException {
        Files.deleteIfExists(dir);
    }
}
