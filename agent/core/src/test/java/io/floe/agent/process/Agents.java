package io.floe.agent.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every agent-process IT sets up before its scenario: a working directory of its own, ports free for its
 * listeners, and the agents it starts there. A test method takes one as a parameter ({@link AgentsParameter}); a
 * class whose helpers share it holds it as a {@code @RegisterExtension} field instead (one per test: JUnit makes an
 * instance per test). After the test its agents are killed (if still running) and its directory deleted, and if the
 * test failed {@link AgentLogOnFailure} prints their logs first. So a test says only its configuration and what it
 * checks.
 */
final class Agents implements AfterEachCallback, ExtensionContext.Store.CloseableResource {
    // A test may start agents from a thread of its own (one that restarts them).
    private final List<AgentProcess> started = new CopyOnWriteArrayList<>();
    private final Set<Integer> ports = new HashSet<>();
    private final Path dir;

    Agents() {
        try {
            dir = Files.createTempDirectory("floe-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As a field: closed after each test. */
    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        close();
    }

    /** Kills the agents still running, the latest first (a sender before the server it sends to), and deletes the directory. */
    @Override
    public void close() throws IOException {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The test's working directory: its configurations, the agents' data and outputs. */
    Path dir() {
        return dir;
    }

    /** {@code name} (a relative path) in the test's directory. */
    Path path(String name) {
        return dir().resolve(name);
    }

    /** A port free at the time of asking and not yet given to this test: two listeners of one test never share one. */
    int freePort() {
        int port;
        do {
            port = AgentProcess.freePort();
        } while (!ports.add(port));
        return port;
    }

    /** See {@link AgentProcess#running(Path, String, String)}: in the test's directory, stopped after the test. */
    AgentProcess running(String confName, String config) throws IOException {
        return running(Map.of(), confName, config);
    }

    /** As {@link #running(String, String)}, with more environment (FLOE_HEAP, ...). */
    AgentProcess running(Map<String, String> env, String confName, String config) throws IOException {
        return stoppedAfterTheTest(AgentProcess.running(dir(), env, confName, config));
    }

    /** See {@link AgentProcess#runningIn}: one of several agents of the test, in a directory {@code name} of its own. */
    AgentProcess runningIn(String name, String config) throws IOException {
        return stoppedAfterTheTest(AgentProcess.runningIn(dir(), name, config));
    }

    /** See {@link AgentProcess#start(Path, String...)}: started in the test's directory, not awaited; stopped after the test. */
    AgentProcess start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    /** As {@link #start(String...)}, with more environment. */
    AgentProcess start(Map<String, String> env, String... args) throws IOException {
        return stoppedAfterTheTest(AgentProcess.start(dir(), env, args));
    }

    /** {@code text} written to {@code name} in the test's directory: a configuration the test starts the agent on itself. */
    Path write(String name, String text) throws IOException {
        return Files.writeString(dir().resolve(name), text);
    }

    private AgentProcess stoppedAfterTheTest(AgentProcess agent) {
        started.add(agent);
        return agent;
    }
}
