package io.floe.agent.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * The real agent, started through {@code bin/floe} as a user starts it, with its standard output and
 * error captured to files the test reads while it runs.
 */
public final class AgentProcess implements AutoCloseable {
    /** What the worker logs once every plugin has started. */
    public static final String RUNNING = "floe worker is now running";
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private AgentProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static Path home() {
        String h = System.getProperty("floe.home");
        Path p = h != null ? Path.of(h) : Path.of("").toAbsolutePath().getParent().getParent();
        if (!Files.isExecutable(p.resolve("bin/floe"))) {
            throw new IllegalStateException("bin/floe not found under " + p);
        }
        return p;
    }

    public static AgentProcess start(Path workDir, String... args) throws IOException {
        return start(workDir, Map.of(), args);
    }

    public static AgentProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        return start(workDir, env, List.of(), args);
    }

    /**
     * @param wrapper a command that runs (execs) bin/floe and its arguments, given to it as further arguments
     *                (e.g. one that first moves itself into a cgroup); empty for none
     */
    public static AgentProcess start(Path workDir, Map<String, String> env, List<String> wrapper, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(home().resolve("bin/floe").toString());
        List<String> given = List.of(args);
        if (!given.contains("--data-dir") && !given.contains("--version") && !given.contains("--help")) {
            // Each test's buffers live in its own directory: a durable buffer would otherwise carry one
            // test's events into the next.
            cmd.add("--data-dir");
            cmd.add(workDir.resolve("data").toString());
        }
        cmd.addAll(given);
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("TZ", "UTC");
        pb.environment().remove("FLUENT_CONF");
        pb.environment().putAll(env);
        return new AgentProcess(pb.start(), out, err);
    }

    /** Writes {@code config} to {@code dir/confName}, starts the agent on it and waits until its worker runs. */
    public static AgentProcess running(Path dir, String confName, String config) throws IOException {
        return running(dir, Map.of(), confName, config);
    }

    /** As {@link #running(Path, String, String)}, with more environment (FLOE_HEAP, ...). */
    public static AgentProcess running(Path dir, Map<String, String> env, String confName, String config) throws IOException {
        Path conf = Files.writeString(dir.resolve(confName), config);
        AgentProcess agent = start(dir, env, "-c", conf.toString());
        try {
            agent.awaitRunning();
        } catch (RuntimeException | Error e) {
            agent.close();
            throw e;
        }
        return agent;
    }

    /** As {@link #running(Path, String, String)}, in a directory {@code name} of its own under {@code parent}: one of several agents of a test. */
    public static AgentProcess runningIn(Path parent, String name, String config) throws IOException {
        return running(Files.createDirectories(parent.resolve(name)), name + ".conf", config);
    }

    /** A port free at the time of asking, for an agent's listener; unchecked, so that a test's field can hold one. */
    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** kill -9: no shutdown hook, no flush; what survives is what was on disk (or in the page cache). */
    public void kill9() throws IOException, InterruptedException {
        signal("KILL");
        process.waitFor();
    }

    public long pid() {
        return process.pid();
    }

    public List<String> stdoutLines() {
        return lines(stdout);
    }

    public List<String> stderrLines() {
        return lines(stderr);
    }

    public String stderr() {
        return String.join("\n", stderrLines());
    }

    private static List<String> lines(Path p) {
        try {
            String s = Files.readString(p, StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>(List.of(s.split("\n", -1)));
            // The last piece is a line still being written (or empty after the final newline).
            out.remove(out.size() - 1);
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void awaitStdout(Predicate<List<String>> condition, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                .failFast("agent exited: " + describeExit(), () -> !process.isAlive())
                .until(() -> condition.test(stdoutLines()));
    }

    public void awaitLog(String fragment, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                .failFast("agent exited: " + describeExit(), () -> !process.isAlive())
                .until(() -> stderr().contains(fragment));
    }

    /** Waits (up to a minute, the machine may be busy) until the worker has logged that it runs. */
    public void awaitRunning() {
        awaitLog(RUNNING, Duration.ofSeconds(60));
    }

    /** Waits until {@code fragment} has been logged {@code times} times; a timeout fails with the agent's log. */
    public void awaitLogCount(String fragment, long times, Duration timeout) {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                    .failFast("agent exited: " + describeExit(), () -> !process.isAlive())
                    .until(() -> logCount(fragment) >= times);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("'" + fragment + "' not logged " + times + " times within " + timeout + "; " + describeExit(), e);
        }
    }

    /** How many lines of the agent's log so far contain {@code fragment}. */
    public long logCount(String fragment) {
        return stderrLines().stream().filter(l -> l.contains(fragment)).count();
    }

    private String describeExit() {
        return "stderr so far:\n" + String.join("\n", stderrLines());
    }

    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " failed");
        }
    }

    /** SIGTERM, then waits for a graceful exit; returns the exit code. */
    public int stop(Duration timeout) throws IOException, InterruptedException {
        signal("TERM");
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("agent did not stop within " + timeout + "\n" + describeExit());
        }
        return process.exitValue();
    }

    public int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("agent did not exit within " + timeout + "\n" + describeExit());
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
