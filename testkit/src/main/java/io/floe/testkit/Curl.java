package io.floe.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** curl, a real HTTP sender, run by tests of what the agent serves. */
public final class Curl {
    private Curl() {
    }

    /**
     * What {@code curl -sS <args> <url>} printed, its errors included; the {@code -o} and {@code -w} the caller
     * gives decide what that is (the body, the status).
     */
    public static String run(String url, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS"));
        cmd.addAll(args);
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("curl did not finish: " + cmd);
        }
        return out;
    }
}
