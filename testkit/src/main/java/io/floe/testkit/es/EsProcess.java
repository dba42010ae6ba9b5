package io.floe.testkit.es;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The server process: its run directory (config, data, logs, tmp), the optional keystore with the {@code elastic}
 * password, the unprivileged user when started by root, and an orderly stop that falls back to killing the
 * process tree.
 */
final class EsProcess {
    record Settings(String version, Path home, Path baseDir, int httpPort, int transportPort, String password,
            String heap, String runAs) {
    }

    /**
     * Runs the server under a watchdog shell whose stdin is a pipe from this JVM: the pipe ends when the JVM ends,
     * however it ends (even SIGKILL, where no shutdown hook runs), and the shell then stops the server, so a crashed
     * test run leaves no Elasticsearch behind. Closing the pipe is also the orderly stop.
     */
    private static final String WATCHDOG = String.join("\n",
            "exec 3<&0",   // a background job's stdin would be /dev/null: keep the pipe on fd 3
            "\"$@\" </dev/null 3<&- &",
            "pid=$!",
            "(cat <&3 >/dev/null; kill -TERM $pid 2>/dev/null) &",
            "wait $pid");   // the shell ends with the server, so a failed start is seen at once

    private final Process process;
    private final Path runDir;
    private final Path logs;
    private final Thread shutdownHook;
    private boolean stopped;

    private EsProcess(Process process, Path runDir, Path logs) {
        this.process = process;
        this.runDir = runDir;
        this.logs = logs;
        this.shutdownHook = new Thread(this::kill, "elasticsearch-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static EsProcess start(Settings s) throws IOException, InterruptedException {
        Files.createDirectories(s.baseDir());
        Path run = Files.createTempDirectory(s.baseDir(), "run-" + s.httpPort() + "-");
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = run.resolve("config");
        Path data = Files.createDirectories(run.resolve("data"));
        Path logs = Files.createDirectories(run.resolve("logs"));
        Files.createDirectories(run.resolve("tmp"));
        boolean security = s.password() != null;
        Map<String, String> yml = new LinkedHashMap<>();
        yml.put("cluster.name", "floe-test");
        yml.put("node.name", "floe-test-" + s.httpPort());
        yml.put("network.host", "127.0.0.1");
        yml.put("http.port", Integer.toString(s.httpPort()));
        yml.put("transport.port", Integer.toString(s.transportPort()));
        yml.put("discovery.type", "single-node");
        yml.put("path.data", data.toString());
        yml.put("path.logs", logs.toString());
        // A shared test machine's disk may be nearly full: never turn indices read-only or refuse shards for it.
        yml.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        // Tests clean up with DELETE /*.
        yml.put("action.destructive_requires_name", "false");
        yml.put("xpack.security.enabled", Boolean.toString(security));
        if (security) {
            yml.put("xpack.security.http.ssl.enabled", "false");
            yml.put("xpack.security.transport.ssl.enabled", "false");
        }
        // Not the distribution's jvm.options: its GC log and heap dump paths are relative to the working directory.
        List<String> jvm = List.of("-XX:+UseG1GC", "-Xms" + s.heap(), "-Xmx" + s.heap(), "-Djava.io.tmpdir=${ES_TMPDIR}",
                "-XX:+ExitOnOutOfMemoryError", "-XX:ErrorFile=" + logs.resolve("hs_err_pid%p.log"));
        ElasticsearchServer.writeConfig(s.home(), conf, yml, jvm);
        if (security) {
            // The reserved user "elastic" takes its password from bootstrap.password: no security index needed.
            run(env(s, run), s.password(), s.home().resolve("bin/elasticsearch-keystore").toString(), "add", "-x", "-f",
                    "bootstrap.password");
        }
        return launch(s, run);
    }

    /**
     * Starts the server again on the run directory, ports and data of a server that was {@linkplain #kill killed}:
     * what a node that crashed and is brought back does, translog recovery included.
     */
    EsProcess restart(Settings s) throws IOException {
        if (!stopped) {
            throw new IllegalStateException("the server is still running");
        }
        return launch(s, runDir);
    }

    private static EsProcess launch(Settings s, Path run) throws IOException {
        Path logs = run.resolve("logs");
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", WATCHDOG, "elasticsearch-watchdog"));
        if (isRoot()) {
            int uid = Integer.parseInt(runQuietly("id", "-u", s.runAs()));
            int gid = Integer.parseInt(runQuietly("id", "-g", s.runAs()));
            chown(run, uid, gid);
            cmd.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
        }
        cmd.add(s.home().resolve("bin/elasticsearch").toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(run.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("console.log").toFile()));
        clean(pb.environment()).putAll(env(s, run));
        return new EsProcess(pb.start(), run, logs);
    }

    private static Map<String, String> env(Settings s, Path run) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ES_JAVA_HOME", javaHome());
        env.put("ES_PATH_CONF", run.resolve("config").toString());
        env.put("ES_TMPDIR", run.resolve("tmp").toString());
        return env;
    }

    private static String runQuietly(String... cmd) throws IOException {
        try {
            return run(Map.of(), null, cmd);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
    }

    /** The Elasticsearch server JVM (not the launcher shell or the CLI JVM that starts it): what a benchmark reads CPU time from. */
    long pid() {
        return process.descendants().filter(h -> isJava(h) && h.parent().map(EsProcess::isJava).orElse(false))
                .findFirst().map(ProcessHandle::pid).orElse(process.pid());
    }

    private static boolean isJava(ProcessHandle h) {
        return h.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String consoleTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logs.resolve("console.log"), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no console log: " + e + ")";
        }
    }

    /** kill -9 of the server and its launcher, as a crash or an OOM kill would end it; the run directory stays. */
    synchronized void crash() {
        if (stopped) {
            return;
        }
        stopped = true;
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        // The server first, so the watchdog does not get to stop it in an orderly way.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Elasticsearch process " + h.pid() + " did not die", e);
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // nothing left to stop
        }
    }

    /** Ends the watchdog's stdin, which stops the server; the process tree is killed if that takes over 30 s. */
    synchronized void stop() {
        boolean running = !stopped;
        kill();
        if (running) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to; nothing more to do
            }
        }
        if (!Boolean.getBoolean("floe.es.keep") && Files.exists(runDir)) {
            try {
                EsDistribution.deleteTree(runDir);
            } catch (IOException e) {
                System.err.println("[elasticsearch] could not delete " + runDir + ": " + e);
            }
        }
    }

    private synchronized void kill() {
        if (stopped) {
            return;
        }
        stopped = true;
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
            }
            for (ProcessHandle h : tree) {
                h.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static String javaHome() {
        String configured = System.getProperty("floe.es.java.home", System.getenv("ES_JAVA_HOME"));
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        // The distribution has no JDK of its own; ES 8.17 runs on 17-23 (24 dropped the SecurityManager it enables).
        if (Runtime.version().feature() > 23) {
            throw new IllegalStateException("Elasticsearch 8.17 needs a JDK 17-23 and this JVM is "
                    + Runtime.version().feature() + ": set ES_JAVA_HOME or -Dfloe.es.java.home");
        }
        return System.getProperty("java.home");
    }

    private static Map<String, String> clean(Map<String, String> env) {
        env.remove("JAVA_HOME");          // the launcher warns that it ignores it
        env.remove("JAVA_TOOL_OPTIONS");  // would be applied to the server JVM and its tools
        env.remove("ES_JAVA_OPTS");
        return env;
    }

    private static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException noProc) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void chown(Path root, int uid, int gid) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                Files.setAttribute(p, "unix:uid", uid);
                Files.setAttribute(p, "unix:gid", gid);
            }
        }
    }

    /** Runs a command to its end with {@code input} on stdin; returns its output, fails on a non-zero exit. */
    private static String run(Map<String, String> env, String input, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        clean(pb.environment()).putAll(env);
        Process p = pb.start();
        try (OutputStream stdin = p.getOutputStream()) {
            if (input != null) {
                stdin.write((input + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        String out;
        try (InputStream stdout = p.getInputStream()) {
            out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }
}
