package io.floe.inputs.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** util-linux {@code logger}, the real syslog sender, pointed at a port of 127.0.0.1. */
public final class Logger {
    private Logger() {
    }

    /** Runs {@code logger --server 127.0.0.1 --port PORT OPTIONS... -- MESSAGE} and waits for it to exit cleanly. */
    public static void send(int port, String message, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("logger", "--server", "127.0.0.1", "--port", String.valueOf(port), "--tag", "app"));
        command.addAll(List.of(options));
        command.add("--");
        command.add(message);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("logger did not exit: " + command);
        }
        assertEquals(0, p.exitValue(), () -> "logger failed: " + command + ": " + output(p));
    }

    private static String output(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes());
        } catch (IOException e) {
            return e.toString();
        }
    }
}
