package io.floe.agent.process;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a test fails, prints the log of every agent it started: the stderr files {@link AgentProcess} writes into
 * the test's {@code @TempDir} or {@link Agents} directory (a field, or a parameter of the test method), which is
 * deleted right after. Registered for every test of this module (see META-INF/services), so a failure on CI shows
 * what the agent said without each IT catching and printing.
 */
public final class AgentLogOnFailure implements TestExecutionExceptionHandler {
    /** The last lines of each log: where a failure shows, without flooding the report. */
    private static final int TAIL = 400;

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        context.getTestInstance().ifPresent(test -> print(test, context.getDisplayName(), System.err));
        Agents taken = AgentsParameter.of(context);
        if (taken != null) {
            try {
                printLogs(taken.dir(), context.getDisplayName(), System.err);
            } catch (IOException | RuntimeException e) {
                System.err.println("[" + context.getDisplayName() + "] agent logs not printed: " + e);
            }
        }
        throw thrown;
    }

    private static void print(Object test, String name, PrintStream out) {
        for (Class<?> c = test.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                boolean tempDir = f.isAnnotationPresent(TempDir.class) && f.getType() == Path.class;
                if (tempDir || f.getType() == Agents.class) {
                    try {
                        f.setAccessible(true);
                        Path dir = tempDir ? (Path) f.get(test) : ((Agents) f.get(test)).dir();
                        if (dir != null) {
                            printLogs(dir, name, out);
                        }
                    } catch (ReflectiveOperationException | RuntimeException | IOException e) {
                        out.println("[" + name + "] agent logs not printed: " + e);
                    }
                }
            }
        }
    }

    private static void printLogs(Path dir, String name, PrintStream out) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.walk(dir, 3)) {
            logs = files.filter(p -> p.getFileName().toString().matches("stderr\\d*\\.txt")).sorted().toList();
        }
        for (Path log : logs) {
            // Decoded leniently: the agent escapes what it logs, but a crash may cut a line mid-character.
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            int from = Math.max(0, lines.size() - TAIL);
            out.println("==== [" + name + "] agent log " + dir.relativize(log) + (from > 0 ? " (last " + TAIL + " lines)" : "") + " ====");
            lines.subList(from, lines.size()).forEach(out::println);
        }
    }
}
